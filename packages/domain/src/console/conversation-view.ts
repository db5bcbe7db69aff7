import type { NeedsHumanReason } from '../conversation/needs-human.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { OutboundContent } from '../outbound/message-outbox.js';
import { isServiceWindowOpen } from '../outbound/service-window.js';
import { windowEnd, type InboxRow } from './inbox.js';
import type { TemplateChoice, TemplateChoices } from './template-choices.js';

export type TimelineRow = {
  id: string;
  from: 'user' | 'sara' | 'operator';
  operator: { id: string; name: string } | null;
  type: string;
  text: string;
  template: { name: string; parameters: string[] } | null;
  status: string;
  errorCode: number | null;
  blockedReason: string | null;
  at: string;
};

export type ConversationViewRow = InboxRow & {
  closedReason: string | null;
  optedOut: boolean;
  serviceWindow: { open: boolean; endsAt: string | null };
  abandonment: {
    externalId: string;
    productId: string;
    productName: string;
    value: number | null;
    kind: string;
    status: string;
    linksOffered: string[];
    createdAt: string;
  };
  payments: { id: string; source: string; amount: number; currency: string | null; paidAt: string; matchStatus: string }[];
  messages: TimelineRow[];
  templates: TemplateChoice[];
};

/** A long conversation shows its latest messages; the admin API pages through the rest. */
const TIMELINE_LIMIT = 300;
const LINK = /https:\/\/[^\s|]+/g;

/** Everything the conversation page shows, in three queries. */
export async function viewConversation(db: PrismaClient, templates: TemplateChoices, id: string): Promise<ConversationViewRow | null> {
  const row = await db.conversation.findUnique({
    where: { id },
    include: {
      user: { select: { name: true, phoneNumber: true, optedOut: true } },
      handledBy: { select: { id: true, name: true } },
      abandonment: { include: { payments: { orderBy: { paidAt: 'asc' } } } },
    },
  });
  if (!row) return null;
  const [messages, offer] = await Promise.all([
    db.message.findMany({
      where: { conversationId: id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: TIMELINE_LIMIT,
      include: { operator: { select: { id: true, name: true } } },
    }),
    db.productOffer.findUnique({ where: { productId: row.abandonment.productId }, select: { productName: true } }),
  ]);
  messages.reverse();
  const timeline = messages.map(toTimelineRow);
  const last = timeline.at(-1);
  const { abandonment } = row;
  const productName = offer?.productName ?? abandonment.productName ?? abandonment.productId;
  const open = row.status !== 'closed';
  return {
    id: row.id,
    buyerName: row.user.name,
    phone: row.user.phoneNumber,
    status: row.status as InboxRow['status'],
    needsHuman:
      open && row.needsHumanReason && row.needsHumanAt ? { reason: row.needsHumanReason as NeedsHumanReason, since: row.needsHumanAt.toISOString() } : null,
    handledBy: row.handledBy,
    productName,
    lastMessage: last ? { from: last.from, text: last.text, at: last.at } : null,
    serviceWindowEndsAt: windowEnd(row.lastUserMessageAt),
    closedReason: row.closedReason,
    optedOut: row.user.optedOut,
    serviceWindow: { open: isServiceWindowOpen(row.lastUserMessageAt), endsAt: windowEnd(row.lastUserMessageAt) },
    abandonment: {
      externalId: abandonment.externalId,
      productId: abandonment.productId,
      productName,
      value: abandonment.value === null ? null : abandonment.value.toNumber(),
      kind: abandonment.kind,
      status: abandonment.status,
      linksOffered: linksIn(timeline),
      createdAt: abandonment.createdAt.toISOString(),
    },
    payments: abandonment.payments.map((payment) => ({
      id: payment.id,
      source: payment.source,
      amount: payment.amount.toNumber(),
      currency: payment.currency,
      paidAt: payment.paidAt.toISOString(),
      matchStatus: payment.matchStatus,
    })),
    messages: timeline,
    templates: open && !row.user.optedOut ? await templates.forConversation(id) : [],
  };
}

/** One message as the timeline shows it (the answer to an operator's send). */
export async function viewMessage(db: PrismaClient, id: string): Promise<TimelineRow | null> {
  const message = await db.message.findUnique({ where: { id }, include: { operator: { select: { id: true, name: true } } } });
  return message ? toTimelineRow(message) : null;
}

type MessageWithOperator = Awaited<ReturnType<PrismaClient['message']['findMany']>>[number] & { operator: { id: string; name: string } | null };

function toTimelineRow(message: MessageWithOperator): TimelineRow {
  const metadata = (message.metadata ?? {}) as { outbound?: OutboundContent; blockedReason?: string };
  const outbound = metadata.outbound;
  return {
    id: message.id,
    from: message.fromSender as TimelineRow['from'],
    operator: message.operator,
    type: message.messageType,
    text: message.messageText,
    template: outbound?.kind === 'template' ? { name: outbound.name, parameters: outbound.bodyParameters } : null,
    status: message.status,
    errorCode: message.errorCode,
    blockedReason: metadata.blockedReason ?? null,
    at: message.createdAt.toISOString(),
  };
}

/** The links Sara and the team sent that actually left (a blocked message offered nothing). */
function linksIn(timeline: TimelineRow[]): string[] {
  const links = new Set<string>();
  for (const entry of timeline) {
    if (entry.from === 'user' || entry.status === 'blocked' || entry.status === 'failed') continue;
    for (const link of entry.text.match(LINK) ?? []) links.add(link);
  }
  return [...links];
}
