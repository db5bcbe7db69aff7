import type { InboxFilter } from '../../../src/contract.js';

export const sessionKey = ['session'] as const;
/** Every inbox list, whatever its filter: a live event invalidates them all. */
export const inboxKeyPrefix = ['conversations'] as const;
export const inboxKey = (status: InboxFilter | null, q: string) => [...inboxKeyPrefix, { status, q }] as const;
export const conversationKey = (id: string) => ['conversation', id] as const;

// The merchant pages. A write invalidates its area's prefix, whatever the filters shown.
export const reportKeyPrefix = ['report'] as const;
export const reportKey = (from: string, to: string) => [...reportKeyPrefix, 'summary', { from, to }] as const;
export const dailyReportKey = (from: string, to: string) => [...reportKeyPrefix, 'daily', { from, to }] as const;
export const offersKeyPrefix = ['offers'] as const;
export const offersKey = (offset: number) => [...offersKeyPrefix, { offset }] as const;
export const sequencesKey = ['sequences'] as const;
export const settingsKey = ['settings'] as const;
export const paymentsKeyPrefix = ['payments'] as const;
export const paymentsKey = (status: string, offset: number) => [...paymentsKeyPrefix, 'list', { status, offset }] as const;
export const candidatesKey = (paymentId: string) => [...paymentsKeyPrefix, 'candidates', paymentId] as const;
export const buyersKeyPrefix = ['buyers'] as const;
export const buyerSearchKey = (q: string) => [...buyersKeyPrefix, 'search', q] as const;
export const buyerHistoryKey = (phone: string) => [...buyersKeyPrefix, 'history', phone] as const;
export const auditKey = (filters: Record<string, string>, offset: number) => ['audit', { ...filters, offset }] as const;
