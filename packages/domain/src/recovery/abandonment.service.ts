import { createHash } from 'node:crypto';
import type { AbandonmentJob } from '@sara/jobs';
import type { Logger } from '@sara/observability';
import type { PrismaClient } from '../generated/prisma/client.js';
import { isUniqueViolation } from '../errors.js';
import { queueOutboundMessage } from '../outbound/message-outbox.js';
import type { ProductOfferCatalog } from './product-offer-catalog.js';
import { abandonmentTemplate, type TemplateSettings } from './templates.js';

export type RecoveryStart =
  | { outcome: 'template_queued'; messageId: string; conversationId: string }
  | { outcome: 'opted_out'; conversationId: string }
  | { outcome: 'closed'; conversationId: string };

/**
 * Turns an abandonment event into a user, an abandonment, a conversation (with the id the
 * ingress allocated) and a queued template, in one short transaction. Safe to run twice, or
 * on two replicas at once: the UNIQUE keys (external_id, abandonment_id, idempotency_key)
 * make every step find what the first run wrote.
 */
export class AbandonmentService {
  constructor(
    private readonly db: PrismaClient,
    private readonly offers: ProductOfferCatalog,
    private readonly templates: TemplateSettings,
  ) {}

  async start(job: AbandonmentJob, logger: Logger): Promise<RecoveryStart> {
    const event = job.payload;
    const conversationId = job.conversationId ?? conversationIdFor(event.abandonmentId);
    const offer = await this.offers.find(event.productId);
    if (!offer) logger.info({ productId: event.productId }, 'no offer for this product: using the event payment link, no discount');

    const attempt = () =>
      this.db.$transaction(async (tx) => {
        const user = await tx.user.upsert({
          where: { phoneNumber: event.phone },
          create: { phoneNumber: event.phone, name: event.name },
          update: {},
        });
        const existing = await tx.abandonment.findUnique({ where: { externalId: event.abandonmentId }, include: { conversation: true } });
        if (existing?.conversation) {
          return { conversationId: existing.conversation.id, optedOut: existing.status === 'declined' && existing.conversation.closedReason === 'opted_out', closed: existing.conversation.status === 'closed' };
        }

        const abandonment =
          existing ??
          (await tx.abandonment.create({
            data: {
              userId: user.id,
              externalId: event.abandonmentId,
              productId: event.productId,
              value: event.value,
              paymentLink: event.paymentLink,
              status: user.optedOut ? 'declined' : 'initiated',
            },
          }));
        await tx.conversation.create({
          data: {
            id: conversationId,
            abandonmentId: abandonment.id,
            userId: user.id,
            ...(user.optedOut ? { status: 'closed', closedReason: 'opted_out', closedAt: new Date() } : {}),
          },
        });
        await tx.abandonment.update({ where: { id: abandonment.id }, data: { conversationId } });
        return { conversationId, optedOut: user.optedOut, closed: user.optedOut };
      });

    let result: { conversationId: string; optedOut: boolean; closed: boolean };
    try {
      result = await attempt();
    } catch (error) {
      // Another replica committed the same abandonment first; ours rolled back: read theirs.
      if (!isUniqueViolation(error)) throw error;
      result = await attempt();
    }
    if (result.optedOut) {
      logger.info({ conversationId: result.conversationId }, 'buyer opted out earlier: recorded, not contacted');
      return { outcome: 'opted_out', conversationId: result.conversationId };
    }
    if (result.closed || (await this.paidBeforeArrival(event.abandonmentId))) {
      logger.info({ conversationId: result.conversationId }, 'already paid or closed: no recovery template');
      return { outcome: 'closed', conversationId: result.conversationId };
    }

    const message = await queueOutboundMessage(this.db, {
      conversationId: result.conversationId,
      idempotencyKey: `abandonment-template:${event.abandonmentId}`,
      content: abandonmentTemplate(this.templates, {
        name: event.name,
        productName: offer?.productName ?? event.productId,
        paymentLink: offer?.paymentLink ?? event.paymentLink,
      }),
      intent: 'recovery_template',
    });
    return { outcome: 'template_queued', messageId: message.id, conversationId: result.conversationId };
  }

  /**
   * Events out of order: the gateway reported the paid payment before the abandonment. The
   * payment job converts the sale when it retries; the buyer must not get a recovery pitch.
   */
  private async paidBeforeArrival(abandonmentId: string): Promise<boolean> {
    const payment = await this.db.webhookLog.findFirst({
      where: {
        webhookType: 'payment',
        AND: [{ payload: { path: ['abandonmentId'], equals: abandonmentId } }, { payload: { path: ['status'], equals: 'paid' } }],
      },
      select: { id: true },
    });
    return payment !== null;
  }
}

/** A stable conversation id for events that reached the queue without one. */
function conversationIdFor(abandonmentId: string): string {
  const hex = createHash('sha256').update(`conversation:${abandonmentId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
