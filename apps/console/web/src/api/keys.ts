import type { InboxFilter } from '../../../src/contract.js';

export const sessionKey = ['session'] as const;
/** Every inbox list, whatever its filter: a live event invalidates them all. */
export const inboxKeyPrefix = ['conversations'] as const;
export const inboxKey = (status: InboxFilter | null, q: string) => [...inboxKeyPrefix, { status, q }] as const;
export const conversationKey = (id: string) => ['conversation', id] as const;
