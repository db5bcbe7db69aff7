import type { Prisma } from '../generated/prisma/client.js';
import type { PrismaClientOrTransaction } from '../client.js';
import type { ConversationClosedReason } from '../states.js';

/** The columns of a closed conversation, for one created already closed (a buyer who opted out). */
export function closedState(reason: ConversationClosedReason, at: Date = new Date()) {
  return { status: 'closed', closedReason: reason, closedAt: at } as const;
}

/**
 * The one way a conversation closes. Closing a closed one is a no-op that keeps the first
 * reason: the reason is the audit trail of why Sara stopped, and a later close (a payment
 * after an opt-out) must not rewrite it. `target` is a conversation id, or a filter when one
 * event closes several at once (a purchase closes every other recovery of that product).
 * Returns how many it closed.
 */
export async function closeConversation(
  db: PrismaClientOrTransaction,
  target: string | Prisma.ConversationWhereInput,
  reason: ConversationClosedReason,
  at: Date = new Date(),
): Promise<number> {
  const where = typeof target === 'string' ? { id: target } : target;
  const closed = await db.conversation.updateMany({ where: { ...where, status: { not: 'closed' } }, data: closedState(reason, at) });
  return closed.count;
}
