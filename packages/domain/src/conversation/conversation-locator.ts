import type { PrismaClientOrTransaction } from '../client.js';
import type { ConversationStatus } from '../states.js';

/** The design's priority (section 4.3): active, then error, then awaiting_response; newest first. */
const OPEN_PRIORITY: readonly ConversationStatus[] = ['active', 'error', 'awaiting_response'];

export type LocatedConversation = {
  id: string;
  status: string;
  abandonmentId: string;
  lastUserMessageAt: Date | null;
  /** Set while the team has it: Sara records the buyer's messages but does not answer. */
  needsHumanReason: string | null;
  handledById: string | null;
  abandonment: { cohort: string };
};

/**
 * The conversation a buyer's message belongs to: the best open one, or else the newest closed
 * one (the message is still recorded there, and an opt-out still counts).
 */
export async function locateConversation(db: PrismaClientOrTransaction, userId: string): Promise<LocatedConversation | null> {
  const select = {
    id: true,
    status: true,
    abandonmentId: true,
    lastUserMessageAt: true,
    needsHumanReason: true,
    handledById: true,
    abandonment: { select: { cohort: true } },
  } as const;
  const open = await db.conversation.findMany({
    where: { userId, status: { in: [...OPEN_PRIORITY] } },
    orderBy: { createdAt: 'desc' },
    select,
  });
  open.sort((a, b) => rank(a.status) - rank(b.status));
  if (open[0]) return open[0];
  return db.conversation.findFirst({ where: { userId }, orderBy: { createdAt: 'desc' }, select });
}

function rank(status: string): number {
  return OPEN_PRIORITY.indexOf(status as ConversationStatus);
}
