import { metrics, type Logger } from '@sara/observability';
import type { PrismaClient } from '../generated/prisma/client.js';
import { queueOutboundMessage } from '../outbound/message-outbox.js';
import { OPT_OUT_FAREWELL_INTENT } from '../outbound/message-sender.js';
import { cannedReplies } from './canned-replies.js';
import { closeConversation } from './close-conversation.js';

/** Why a buyer was opted out: a keyword (layer 1), the AI (layer 2), or WhatsApp's own control. */
export type OptOutReason = `keyword:${string}` | 'ai' | 'whatsapp_marketing_stop';

/**
 * Opts a buyer out, once: the user row, every open conversation (closed) and every live
 * abandonment (declined) change in one transaction, together with the single farewell
 * message, so a crash can neither half-apply the opt-out nor lose or double the farewell.
 * Returns the farewell's message id when one is waiting to be sent.
 */
export async function applyOptOut(
  db: PrismaClient,
  input: { userId: string; userName: string; reason: OptOutReason; farewell: { conversationId: string; triggerId: string } | null },
  logger: Logger,
): Promise<string | null> {
  const now = new Date();
  const farewellKey = input.farewell ? `opt-out-farewell:${input.farewell.triggerId}` : null;
  await db.$transaction(async (tx) => {
    const changed = await tx.user.updateMany({
      where: { id: input.userId, optedOut: false },
      data: { optedOut: true, optedOutAt: now, optedOutReason: input.reason },
    });
    await closeConversation(tx, { userId: input.userId }, 'opted_out', now);
    await tx.abandonment.updateMany({
      where: { userId: input.userId, status: { in: ['initiated', 'active'] } },
      data: { status: 'declined' },
    });
    if (changed.count > 0) logger.info({ reason: input.reason }, 'buyer opted out');
    // Counted by layer, not by word: the label set stays small.
    if (changed.count > 0) metrics.optOuts.inc({ reason: input.reason.startsWith('keyword:') ? 'keyword' : input.reason });
    if (changed.count > 0 && input.farewell && farewellKey) {
      await queueOutboundMessage(tx, {
        conversationId: input.farewell.conversationId,
        idempotencyKey: farewellKey,
        content: { kind: 'text', text: cannedReplies.optOutFarewell(input.userName) },
        intent: OPT_OUT_FAREWELL_INTENT,
      });
    }
  });
  if (!farewellKey) return null;
  // A retry after the commit finds the farewell written by the first attempt.
  const farewell = await db.message.findUnique({ where: { idempotencyKey: farewellKey }, select: { id: true, status: true } });
  return farewell?.status === 'queued' ? farewell.id : null;
}

/**
 * WhatsApp's "resume marketing messages" re-enables only what its "stop" disabled: a buyer
 * who asked Sara herself to stop stays opted out.
 */
export async function resumeAfterMarketingStop(db: PrismaClient, userId: string, logger: Logger): Promise<void> {
  const resumed = await db.user.updateMany({
    where: { id: userId, optedOut: true, optedOutReason: 'whatsapp_marketing_stop' },
    data: { optedOut: false, optedOutAt: null, optedOutReason: null },
  });
  logger.info({ resumed: resumed.count > 0 }, 'buyer resumed marketing messages on WhatsApp');
}
