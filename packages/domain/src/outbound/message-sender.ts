import { metrics, type Logger } from '@sara/observability';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { OutboundContent } from './message-outbox.js';
import { isClassifiedSendFailure, type MessageTransport } from './message-transport.js';
import { isServiceWindowOpen } from './service-window.js';

/** Meta refused a marketing template: this user got their share of marketing today. */
const MARKETING_LIMIT_CODE = 131049;

/** Marks the farewell sent when a buyer opts out: the only message the opt-out guard lets through. */
export const OPT_OUT_FAREWELL_INTENT = 'opt_out_farewell';

/** Messages that close a conversation and must still leave after it closed. */
const CLOSING_INTENTS = new Set([OPT_OUT_FAREWELL_INTENT, 'payment_thanks', 'hand_off']);

export type DeliveryOutcome = 'sent' | 'blocked' | 'failed' | 'skipped' | 'unknown';

/**
 * Delivers one queued message row, and is the last guard before any send: an opted-out user
 * is never messaged, and free text never leaves outside Meta's 24 h window.
 *
 * Double sends: the row is claimed (`queued` → `sending`) before the Graph call and recorded
 * (`sent` + wamid) right after. A crash in between — the one window no API without
 * idempotency keys can close — leaves `sending`; a retry then marks the row `unknown` for an
 * operator instead of sending again. The window is one HTTP round trip plus one UPDATE.
 */
export class MessageSender {
  constructor(
    private readonly db: PrismaClient,
    private readonly client: MessageTransport,
    /** Told when Meta's per-user marketing limit (131049) refused a recovery step's template. */
    private readonly onMarketingLimit?: (messageId: string) => Promise<void>,
  ) {}

  async deliver(messageId: string, attempt: { number: number; max: number; logger: Logger }): Promise<DeliveryOutcome> {
    const { logger } = attempt;
    const message = await this.db.message.findUnique({
      where: { id: messageId },
      include: { conversation: { include: { user: true } } },
    });
    if (!message) {
      logger.error({ messageId }, 'send job for a message that does not exist');
      return 'skipped';
    }
    if (message.status === 'sending') {
      await this.db.message.updateMany({ where: { id: messageId, status: 'sending' }, data: { status: 'unknown', statusUpdatedAt: new Date() } });
      logger.error({ messageId }, 'a previous attempt died during the send; not sending again (status unknown)');
      return 'unknown';
    }
    if (message.status !== 'queued') return 'skipped';

    const { user } = message.conversation;
    const content = (message.metadata as { outbound?: OutboundContent } | null)?.outbound;
    if (!content) return this.fail(messageId, undefined, 'message has no outbound content', logger);
    // The one message an opted-out buyer still gets is the farewell confirming the opt-out.
    if (user.optedOut && message.intent !== OPT_OUT_FAREWELL_INTENT) return this.block(messageId, 'opted_out', logger);
    // A conversation closed meanwhile (paid, closed by an admin, handed to a human) gets only
    // the message that closed it, never a pitch that was still waiting in the queue.
    if (message.conversation.status === 'closed' && !CLOSING_INTENTS.has(message.intent ?? '')) {
      return this.block(messageId, 'conversation_closed', logger);
    }
    // While a person has the conversation, Sara's queued pitches and follow-ups stay unsent.
    if (message.conversation.handledById && message.fromSender !== 'operator' && !CLOSING_INTENTS.has(message.intent ?? '')) {
      return this.block(messageId, 'operator_in_charge', logger);
    }
    if (content.kind !== 'template' && !isServiceWindowOpen(message.conversation.lastUserMessageAt)) return this.block(messageId, 'outside_24h_window', logger);

    const claimed = await this.db.message.updateMany({ where: { id: messageId, status: 'queued' }, data: { status: 'sending' } });
    if (claimed.count === 0) return 'skipped';

    let wamid: string;
    const stopTimer = metrics.whatsappSendDuration.startTimer({ transport: this.client.transport });
    try {
      ({ wamid } = await this.client.send({ ...content, to: user.phoneNumber }));
      stopTimer({ outcome: 'sent' });
    } catch (error) {
      stopTimer({ outcome: 'error' });
      metrics.whatsappSendErrors.inc({ code: String(isClassifiedSendFailure(error) ? (error.code ?? error.httpStatus ?? 'network') : 'internal') });
      return this.handleSendError(messageId, error, attempt);
    }
    const now = new Date();
    await this.db.$transaction([
      this.db.message.update({ where: { id: messageId }, data: { status: 'sent', whatsappMessageId: wamid, statusUpdatedAt: now } }),
      this.db.conversation.update({
        where: { id: message.conversationId },
        data: { messageCount: { increment: 1 }, lastMessageAt: now },
      }),
    ]);
    metrics.messagesSent.inc({ kind: content.kind });
    logger.info({ messageId, kind: content.kind, transport: this.client.transport }, 'message sent');
    return 'sent';
  }

  private async handleSendError(messageId: string, error: unknown, attempt: { number: number; max: number; logger: Logger }): Promise<DeliveryOutcome> {
    // Anything but a classified Graph answer (a sandbox store failing, a bug) is retried like a
    // transient error: nothing reached Meta, and the attempts are bounded.
    const kind = isClassifiedSendFailure(error) ? error.kind : 'transient';
    const code = isClassifiedSendFailure(error) ? error.code : undefined;
    if (kind === 'transient' && attempt.number < attempt.max) {
      // Nothing was accepted by Meta: release the claim so the retry may send.
      await this.db.message.update({ where: { id: messageId }, data: { status: 'queued', errorCode: code ?? null } });
      attempt.logger.warn({ messageId, code, attempt: attempt.number, reason: (error as Error).message }, 'send failed; retrying');
      throw error;
    }
    const outcome = await this.fail(messageId, code, (error as Error).message, attempt.logger, kind);
    if (code === MARKETING_LIMIT_CODE && this.onMarketingLimit) await this.onMarketingLimit(messageId);
    return outcome;
  }

  private async block(
    messageId: string,
    reason: 'opted_out' | 'outside_24h_window' | 'conversation_closed' | 'operator_in_charge',
    logger: Logger,
  ): Promise<DeliveryOutcome> {
    const message = await this.db.message.findUniqueOrThrow({ where: { id: messageId }, select: { metadata: true } });
    await this.db.message.updateMany({
      where: { id: messageId, status: 'queued' },
      data: { status: 'blocked', statusUpdatedAt: new Date(), metadata: { ...(message.metadata as object), blockedReason: reason } },
    });
    logger.warn({ messageId, reason }, 'message recorded but not sent');
    return 'blocked';
  }

  private async fail(
    messageId: string,
    code: number | undefined,
    reason: string,
    logger: Logger,
    kind: 'transient' | 'window_closed' | 'permanent' = 'permanent',
  ): Promise<DeliveryOutcome> {
    await this.db.message.update({
      where: { id: messageId },
      data: { status: 'failed', errorCode: code ?? null, statusUpdatedAt: new Date() },
    });
    const log = kind === 'window_closed' ? logger.warn.bind(logger) : logger.error.bind(logger);
    log({ messageId, code, kind, reason }, 'message failed for good');
    return 'failed';
  }
}
