import type { ConversationViewRow, InboxRow, OperatorView, TimelineRow } from '@sara/domain';
import type { ConversationDetail, ConversationSummary, SessionUser, TimelineEntry } from '../contract.js';

/** Agents see only the last four digits: enough to tell two buyers apart, and to search by. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)} ••••• ${phone.slice(-4)}`;
}

const phoneFor = (viewer: OperatorView, phone: string) => (viewer.role === 'admin' ? phone : maskPhone(phone));

export function presentSummary(viewer: OperatorView, row: InboxRow): ConversationSummary {
  return { ...row, phone: phoneFor(viewer, row.phone) };
}

export function presentDetail(viewer: OperatorView, row: ConversationViewRow): ConversationDetail {
  return { ...row, phone: phoneFor(viewer, row.phone) };
}

export function presentMessage(row: TimelineRow): TimelineEntry {
  return row;
}

export function presentUser(operator: OperatorView): SessionUser {
  return { id: operator.id, email: operator.email, name: operator.name, role: operator.role };
}
