import type { PrismaClientOrTransaction } from '../client.js';

/** Why an open conversation waits for a person: shown to the team, never to the buyer. */
export type NeedsHumanReason = 'unknown_question' | 'exchange_limit' | 'asked_for_person';

/**
 * Flags a conversation for the team without closing it. The first reason and time are kept, so
 * the team sees how long the buyer has been waiting.
 */
export async function flagForTheTeam(db: PrismaClientOrTransaction, conversationId: string, reason: NeedsHumanReason): Promise<void> {
  await db.conversation.updateMany({
    where: { id: conversationId, needsHumanReason: null },
    data: { needsHumanReason: reason, needsHumanAt: new Date() },
  });
}
