import type { PrismaClientOrTransaction } from '../client.js';

/** The design's priority (section 4.3): active, then error, then awaiting_response; newest first. */
const OPEN_PRIORITY = ['active', 'error', 'awaiting_response'] as const;

export type LocatedConversation = {
  id: string;
  status: string;
  abandonmentId: string;
  lastUserMessageAt: Date | null;
};

/**
 * The conversation a buyer's message belongs to: the best open one, or else the newest closed
 * one (the message is still recorded there, and an opt-out still counts).
 */
export async function locateConversation(db: PrismaClientOrTransaction, userId: string): Promise<LocatedConversation | null> {
  const select = { id: true, status: true, abandonmentId: true, lastUserMessageAt: true } as const;
  const open = await db.conversation.findMany({
    where: { userId, status: { in: [...OPEN_PRIORITY] } },
    orderBy: { createdAt: 'desc' },
    select,
  });
  open.sort((a, b) => OPEN_PRIORITY.indexOf(a.status as never) - OPEN_PRIORITY.indexOf(b.status as never));
  if (open[0]) return open[0];
  return db.conversation.findFirst({ where: { userId }, orderBy: { createdAt: 'desc' }, select });
}
