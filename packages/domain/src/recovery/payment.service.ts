import type { PaymentJob, PaymentJobPayload } from '@sara/jobs';
import { metrics, type Logger } from '@sara/observability';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { isUniqueViolation, PermanentError } from '../errors.js';
import { queueOutboundMessage } from '../outbound/message-outbox.js';
import { isServiceWindowOpen } from '../outbound/service-window.js';
import { closeOtherRecoveries, PaymentMatcher, type MatchableAbandonment } from './payment-matching.js';
import type { ProductOfferCatalog } from './product-offer-catalog.js';
import { thanksMessage, type TemplateSettings } from './templates.js';

/** The event cannot be applied as it is; kept on its log row for a person to review. */
export class PaymentNeedsReview extends PermanentError {
  override readonly name = 'PaymentNeedsReview';
}

/** The abandonment has not been processed yet (events out of order): retry later. */
export class AbandonmentNotYetKnown extends Error {
  override readonly name = 'AbandonmentNotYetKnown';
}

export type PaymentOutcome =
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'unmatched'; reason: string }
  | { outcome: 'converted'; conversationId: string | null; thanksMessageId: string | null };

export class PaymentService {
  private readonly matcher: PaymentMatcher;

  constructor(
    private readonly db: PrismaClient,
    private readonly offers: ProductOfferCatalog,
    private readonly templates: TemplateSettings,
    options: { matchWindowMs: number },
  ) {
    this.matcher = new PaymentMatcher(db, options.matchWindowMs);
  }

  async record(job: PaymentJob, logger: Logger): Promise<PaymentOutcome> {
    const event = job.payload;
    if (event.status !== 'paid') {
      logger.info({ status: event.status }, 'payment status is not paid: nothing to convert');
      return { outcome: 'ignored', reason: `status ${event.status}` };
    }
    if (!event.abandonmentId) return this.recordPlatformPayment(event, logger);

    const abandonment = await this.db.abandonment.findUnique({
      where: { externalId: event.abandonmentId },
      include: { user: true, conversation: true },
    });
    if (!abandonment) throw new AbandonmentNotYetKnown(`abandonment ${event.abandonmentId} is not recorded yet`);
    const conversion = await this.convert(abandonment, event, logger);
    if (conversion.outcome === 'mismatch') throw new PaymentNeedsReview(conversion.reason);
    return conversion;
  }

  /**
   * A checkout platform's payment: kept in the payments ledger, then matched to its
   * abandonment. One that matches nothing is left unmatched with the reason, for review and
   * for an abandonment that arrives later; the job itself succeeds.
   */
  private async recordPlatformPayment(event: PaymentJobPayload, logger: Logger): Promise<PaymentOutcome> {
    const paidAt = event.timestamp ? new Date(event.timestamp) : new Date();
    const key = { source: event.source, externalId: event.paymentId };
    const payment = await this.db.payment.upsert({
      where: { source_externalId: key },
      create: {
        ...key,
        checkoutKey: event.checkoutKey ?? null,
        buyerPhone: event.buyer?.phone ?? null,
        buyerEmail: event.buyer?.email ?? null,
        productId: event.productId ?? null,
        amount: event.amount,
        currency: event.currency ?? null,
        paidAt: Number.isNaN(paidAt.getTime()) ? new Date() : paidAt,
      },
      update: {},
    });

    const match = payment.abandonmentId
      ? await this.db.abandonment
          .findUnique({ where: { id: payment.abandonmentId }, include: { user: true, conversation: true } })
          .then((abandonment) => (abandonment ? ({ found: true, abandonment, matchedBy: payment.matchedBy ?? 'checkout' } as const) : null))
      : null;
    const found = match ?? (await this.matcher.abandonmentFor({ ...event, buyer: event.buyer ?? {}, paidAt: payment.paidAt }));
    if (!found.found) {
      await this.db.payment.update({ where: { id: payment.id }, data: { matchStatus: 'unmatched', reviewReason: found.reason } });
      logger.warn({ source: event.source, reason: found.reason }, 'platform payment matched no abandonment: kept for review');
      return { outcome: 'unmatched', reason: found.reason };
    }

    const conversion = await this.convert(found.abandonment, event, logger, {
      paymentRow: { id: payment.id, matchedBy: found.matchedBy },
    });
    if (conversion.outcome === 'mismatch') {
      // Found but not fitting: 'review', never 'unmatched', so no later abandonment claims it.
      // Unless another abandonment took it meanwhile (its own settle check): then it is theirs.
      await this.db.payment.updateMany({ where: { id: payment.id, abandonmentId: null }, data: { matchStatus: 'review', reviewReason: conversion.reason } });
      // The buyer paid something for this product: Sara stops selling until a person looks.
      const conversationId = found.abandonment.conversation?.id;
      if (conversion.amount && conversationId && found.abandonment.status !== 'converted') {
        await this.db.conversation.updateMany({
          where: { id: conversationId, status: { not: 'closed' } },
          data: { status: 'closed', closedReason: 'payment_review', closedAt: new Date() },
        });
      }
      logger.warn({ source: event.source, reason: conversion.reason }, 'platform payment does not fit its abandonment: kept for review');
      return { outcome: 'unmatched', reason: conversion.reason };
    }
    return conversion;
  }

  private async convert(
    abandonment: MatchableAbandonment,
    event: PaymentJobPayload,
    logger: Logger,
    options: { paymentRow?: { id: string; matchedBy: string } } = {},
  ): Promise<PaymentOutcome | { outcome: 'mismatch'; reason: string; amount?: true }> {
    if (abandonment.status === 'converted' && abandonment.paymentId !== event.paymentId) {
      return { outcome: 'mismatch', reason: `abandonment ${abandonment.externalId} was already converted by another payment` };
    }
    const offer = await this.offers.find(abandonment.productId);
    const conversionLink = matchAmount(event.amount, abandonment.value, offer?.discountPercent ?? null, event.linkType ?? null);
    if (!conversionLink) {
      return {
        outcome: 'mismatch',
        amount: true,
        reason: `amount ${event.amount.toFixed(2)} matches neither the original value ${abandonment.value?.toFixed(2)} nor its discounted value`,
      };
    }

    const conversation = abandonment.conversation;
    const contacted = conversation !== null && (await this.reachedBuyer(abandonment.source, conversation));
    const now = new Date();
    let settled: 'converted' | 'replayed' | 'taken';
    try {
      settled = await this.db.$transaction(async (tx) => {
        // The status read above may be stale: two payments for one abandonment at the same moment
        // must not both pass. The row lock makes the second wait and then see the first's payment.
        const [current] = await tx.$queryRaw<{ status: string; payment_id: string | null }[]>`
          SELECT status, payment_id FROM abandonments WHERE id = ${abandonment.id}::uuid FOR UPDATE`;
        if (current?.status === 'converted') {
          if (current.payment_id !== event.paymentId) return 'taken';
          if (options.paymentRow) await this.markMatched(tx, options.paymentRow, abandonment.id);
          return 'replayed';
        }
        await tx.abandonment.update({
          where: { id: abandonment.id },
          data: { status: 'converted', paymentId: event.paymentId, conversionLink, convertedAt: now },
        });
        if (conversation) {
          await tx.conversation.updateMany({
            where: { id: conversation.id, status: { not: 'closed' } },
            data: { status: 'closed', closedReason: 'converted', closedAt: now },
          });
        }
        await closeOtherRecoveries(tx, abandonment, now);
        if (options.paymentRow) await this.markMatched(tx, options.paymentRow, abandonment.id);
        return 'converted';
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { outcome: 'mismatch', reason: `payment ${event.paymentId} already converted another abandonment` };
      throw error;
    }
    // A second charge for a sale already paid: a person must see it, whichever arrived first.
    if (settled === 'taken') return { outcome: 'mismatch', reason: `abandonment ${abandonment.externalId} was already converted by another payment` };
    if (settled === 'converted' && contacted) {
      metrics.recoveredSales.inc({ link: conversionLink });
      metrics.recoveredRevenue.inc({ link: conversionLink }, event.amount);
      logger.info({ conversationId: conversation?.id, conversionLink, matchedBy: options.paymentRow?.matchedBy }, 'sale recovered');
    }

    if (!conversation || !contacted || abandonment.user.optedOut)
      return { outcome: 'converted', conversationId: conversation?.id ?? null, thanksMessageId: null };
    const windowOpen = isServiceWindowOpen(conversation.lastUserMessageAt);
    const thanks = await queueOutboundMessage(this.db, {
      conversationId: conversation.id,
      idempotencyKey: `payment-thanks:${abandonment.id}`,
      content: thanksMessage(this.templates, {
        name: abandonment.user.name,
        productName: offer?.productName ?? abandonment.productName ?? abandonment.productId,
        windowOpen,
      }),
      intent: 'payment_thanks',
    });
    return { outcome: 'converted', conversationId: conversation.id, thanksMessageId: thanks.id };
  }

  private async markMatched(tx: Prisma.TransactionClient, paymentRow: { id: string; matchedBy: string }, abandonmentId: string): Promise<void> {
    await tx.payment.update({
      where: { id: paymentRow.id },
      data: { matchStatus: 'matched', abandonmentId, matchedBy: paymentRow.matchedBy, reviewReason: null },
    });
  }

  /**
   * Whether Sara's pitch reached this buyer, so the payment is a recovery to count and thank.
   * Sara's own webhook format keeps the design's flow (the thanks follows any payment).
   */
  private async reachedBuyer(source: string, conversation: { id: string; closedReason: string | null }): Promise<boolean> {
    if (SILENT_CLOSES.has(conversation.closedReason ?? '')) return false;
    if (source === 'sara') return true;
    // Only what left for WhatsApp: a template still queued is blocked once the conversation closes.
    const delivered = await this.db.message.count({
      where: { conversationId: conversation.id, fromSender: 'sara', status: { in: ['sent', 'delivered', 'read'] } },
    });
    return delivered > 0;
  }
}

/** Conversations closed before Sara wrote a word: their later payment is no recovery to thank for. */
export const SILENT_CLOSES = new Set(['checkout_completed', 'paid_before_contact']);

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
