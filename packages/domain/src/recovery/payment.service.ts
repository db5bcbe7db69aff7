import type { PaymentJob } from '@sara/jobs';
import { metrics, type Logger } from '@sara/observability';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { isUniqueViolation } from '../errors.js';
import { queueOutboundMessage } from '../outbound/message-outbox.js';
import { isServiceWindowOpen } from '../outbound/service-window.js';
import type { ProductOfferCatalog } from './product-offer-catalog.js';
import { thanksMessage, type TemplateSettings } from './templates.js';

/** The event cannot be applied as it is; kept on its log row for a person to review. */
export class PaymentNeedsReview extends Error {
  override readonly name = 'PaymentNeedsReview';
}

/** The abandonment has not been processed yet (events out of order): retry later. */
export class AbandonmentNotYetKnown extends Error {
  override readonly name = 'AbandonmentNotYetKnown';
}

export type PaymentOutcome =
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'converted'; conversationId: string | null; thanksMessageId: string | null };

export class PaymentService {
  constructor(
    private readonly db: PrismaClient,
    private readonly offers: ProductOfferCatalog,
    private readonly templates: TemplateSettings,
  ) {}

  async record(job: PaymentJob, logger: Logger): Promise<PaymentOutcome> {
    const event = job.payload;
    if (event.status !== 'paid') {
      logger.info({ status: event.status }, 'payment status is not paid: nothing to convert');
      return { outcome: 'ignored', reason: `status ${event.status}` };
    }
    const abandonment = await this.db.abandonment.findUnique({
      where: { externalId: event.abandonmentId },
      include: { user: true, conversation: true },
    });
    if (!abandonment) throw new AbandonmentNotYetKnown(`abandonment ${event.abandonmentId} is not recorded yet`);
    if (abandonment.status === 'converted' && abandonment.paymentId !== event.paymentId) {
      throw new PaymentNeedsReview(`abandonment ${event.abandonmentId} was already converted by another payment`);
    }

    const offer = await this.offers.find(abandonment.productId);
    const conversionLink = matchAmount(event.amount, abandonment.value, offer?.discountPercent ?? null, event.linkType ?? null);
    if (!conversionLink) {
      throw new PaymentNeedsReview(
        `amount ${event.amount.toFixed(2)} matches neither the original value ${abandonment.value?.toFixed(2)} nor its discounted value`,
      );
    }

    const conversation = abandonment.conversation;
    let converted: { count: number };
    try {
      [converted] = await this.db.$transaction([
        this.db.abandonment.updateMany({
          where: { id: abandonment.id, status: { not: 'converted' } },
          data: { status: 'converted', paymentId: event.paymentId, conversionLink, convertedAt: new Date() },
        }),
        ...(conversation
          ? [
              this.db.conversation.updateMany({
                where: { id: conversation.id, status: { not: 'closed' } },
                data: { status: 'closed', closedReason: 'converted', closedAt: new Date() },
              }),
            ]
          : []),
      ]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new PaymentNeedsReview(`payment ${event.paymentId} already converted another abandonment`);
      throw error;
    }
    if (converted.count > 0) {
      metrics.recoveredSales.inc({ link: conversionLink });
      metrics.recoveredRevenue.inc({ link: conversionLink }, event.amount);
      logger.info({ conversationId: conversation?.id, conversionLink }, 'sale recovered');
    }

    if (!conversation || abandonment.user.optedOut) return { outcome: 'converted', conversationId: conversation?.id ?? null, thanksMessageId: null };
    const windowOpen = isServiceWindowOpen(conversation.lastUserMessageAt);
    const thanks = await queueOutboundMessage(this.db, {
      conversationId: conversation.id,
      idempotencyKey: `payment-thanks:${abandonment.id}`,
      content: thanksMessage(this.templates, { name: abandonment.user.name, productName: offer?.productName ?? abandonment.productId, windowOpen }),
      intent: 'payment_thanks',
    });
    return { outcome: 'converted', conversationId: conversation.id, thanksMessageId: thanks.id };
  }
}

/**
 * Which link the buyer paid through: the amount must equal the original value or the value
 * after the product's discount, within a cent. An abandonment without a value accepts any.
 */
export function matchAmount(
  amount: number,
  value: Prisma.Decimal | null,
  discountPercent: number | null,
  claimed: 'original' | 'discounted' | null,
): 'original' | 'discounted' | null {
  if (value === null) return claimed ?? 'original';
  const cents = Math.round(amount * 100);
  const original = Math.round(value.toNumber() * 100);
  const discounted = discountPercent === null ? null : Math.round(original * (1 - discountPercent / 100));
  const matchesOriginal = Math.abs(cents - original) <= 1;
  const matchesDiscounted = discounted !== null && Math.abs(cents - discounted) <= 1;
  if (matchesOriginal && matchesDiscounted) return claimed ?? 'original';
  if (matchesOriginal) return 'original';
  if (matchesDiscounted) return 'discounted';
  return null;
}
