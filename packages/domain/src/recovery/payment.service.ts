import { metrics, type Logger } from '@sara/observability';
import type { Payment, PrismaClient } from '../generated/prisma/client.js';
import { PermanentError } from '../errors.js';
import { queueOutboundMessage } from '../outbound/message-outbox.js';
import { isServiceWindowOpen } from '../outbound/service-window.js';
import type { PaymentCommand } from './commands.js';
import { PAYMENT_MATCHED_BY, type ConversionLink, type PaymentMatchedBy } from '../states.js';
import { PaymentMatcher, type AbandonmentMatch, type MatchableAbandonment } from './payment-matching.js';
import type { ProductOfferCatalog } from './product-offer-catalog.js';
import { Settlement, SILENT_CLOSES, type Refusal } from './settlement.js';
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

/** A link by hand: settled, or refused with why (nothing changed). */
export type ManualLink =
  | { outcome: 'converted'; conversionLink: ConversionLink; conversationId: string | null; thanksMessageId: string | null }
  | { outcome: 'refused'; why: Refusal | 'payment_not_found' | 'abandonment_not_found'; reason: string };

/**
 * Every paid payment becomes a row of `payments` first, Sara's own included, matched or not,
 * with its reason; Settlement then decides what it settles. Here: which abandonment it is
 * about, how the job ends, and whether the buyer is thanked.
 */
export class PaymentService {
  private readonly matcher: PaymentMatcher;
  private readonly settlement: Settlement;

  constructor(
    private readonly db: PrismaClient,
    private readonly offers: ProductOfferCatalog,
    private readonly templates: TemplateSettings,
    options: { matchWindowMs: number },
  ) {
    this.matcher = new PaymentMatcher(db, options.matchWindowMs);
    this.settlement = new Settlement(db, offers, this.matcher);
  }

  /**
   * Sara's own payment names its abandonment: one not recorded yet is retried (it is kept
   * unmatched meanwhile) and one that cannot be applied fails for review. A platform's is
   * matched; one that matches nothing, or does not fit, stays in `payments` for review and for
   * an abandonment that arrives later, and the job itself succeeds.
   */
  async record(command: PaymentCommand, logger: Logger): Promise<PaymentOutcome> {
    if (command.status !== 'paid') {
      logger.info({ status: command.status }, 'payment status is not paid: nothing to convert');
      return { outcome: 'ignored', reason: `status ${command.status}` };
    }
    const payment = await this.ledger(command);
    // A person decided this payment needs nothing: a redelivery does not reopen it.
    if (payment.matchStatus === 'ignored') return { outcome: 'ignored', reason: 'ignored by a person' };
    const found = await this.abandonmentOf(payment, command);
    if (!found.found) {
      // Unless an abandonment claimed it meanwhile (its arrival check): then it is matched.
      await this.db.payment.updateMany({ where: { id: payment.id, abandonmentId: null }, data: { matchStatus: 'unmatched', reviewReason: found.reason } });
      if (command.abandonmentId) throw new AbandonmentNotYetKnown(found.reason);
      logger.warn({ source: command.source, reason: found.reason }, 'platform payment matched no abandonment: kept for review');
      return { outcome: 'unmatched', reason: found.reason };
    }

    const settled = await this.settle(found.abandonment, payment, { matchedBy: found.matchedBy, linkType: command.linkType ?? null }, logger);
    if (settled.applied.outcome === 'review') {
      if (payment.source === 'sara') throw new PaymentNeedsReview(settled.applied.reason);
      logger.warn({ source: command.source, reason: settled.applied.reason }, 'platform payment does not fit its abandonment: kept for review');
      return { outcome: 'unmatched', reason: settled.applied.reason };
    }
    return { outcome: 'converted', conversationId: settled.conversationId, thanksMessageId: settled.thanksMessageId };
  }

  /**
   * "Vincular": a person says this payment paid this abandonment. It settles through
   * Settlement exactly as a match would — converted, conversations closed, the buyer thanked —
   * under the same locks, and only once: a payment matched already (a second click, a match
   * that came first) or an abandonment another payment converted is refused, changing nothing.
   */
  async linkByHand(paymentId: string, abandonmentId: string, logger: Logger): Promise<ManualLink> {
    const payment = await this.db.payment.findUnique({ where: { id: paymentId } });
    if (!payment) return { outcome: 'refused', why: 'payment_not_found', reason: 'no such payment' };
    if (payment.matchStatus === 'matched') return { outcome: 'refused', why: 'payment_taken', reason: `payment ${payment.externalId} is matched already` };
    const abandonment = await this.matcher.matchedAbandonment(abandonmentId);
    if (!abandonment) return { outcome: 'refused', why: 'abandonment_not_found', reason: 'no such abandonment' };
    const settled = await this.settle(abandonment, payment, { matchedBy: 'manual', linkType: null, byHand: true }, logger);
    if (settled.applied.outcome === 'review') return { outcome: 'refused', why: settled.applied.why, reason: settled.applied.reason };
    if (settled.applied.outcome === 'replayed') return { outcome: 'refused', why: 'payment_taken', reason: `payment ${payment.externalId} is matched already` };
    logger.info({ paymentId: payment.id, abandonmentId: abandonment.id }, 'payment linked by hand');
    return {
      outcome: 'converted',
      conversionLink: settled.applied.conversionLink,
      conversationId: settled.conversationId,
      thanksMessageId: settled.thanksMessageId,
    };
  }

  /** Settlement decides; then the sale is counted and the buyer thanked, whichever way the payment found its abandonment. */
  private async settle(
    abandonment: MatchableAbandonment,
    payment: Payment,
    claim: { matchedBy: PaymentMatchedBy; linkType: ConversionLink | null; byHand?: boolean },
    logger: Logger,
  ) {
    const conversation = abandonment.conversation;
    const contacted = conversation !== null && (await this.reachedBuyer(abandonment.source, conversation));
    const applied = await this.settlement.applyPayment(abandonment, payment, claim);
    const unthanked = { applied, conversationId: conversation?.id ?? null, thanksMessageId: null };
    if (applied.outcome === 'review') return unthanked;
    if (applied.outcome === 'converted' && contacted) {
      metrics.recoveredSales.inc({ link: applied.conversionLink });
      metrics.recoveredRevenue.inc({ link: applied.conversionLink }, payment.amount.toNumber());
      logger.info({ conversationId: conversation?.id, conversionLink: applied.conversionLink, matchedBy: claim.matchedBy }, 'sale recovered');
    }

    // The holdout group hears nothing, not even thanks: its payments only measure the baseline.
    if (!conversation || !contacted || abandonment.user.optedOut || abandonment.cohort === 'control') return unthanked;
    const offer = await this.offers.find(abandonment.productId);
    const thanks = await queueOutboundMessage(this.db, {
      conversationId: conversation.id,
      idempotencyKey: `payment-thanks:${abandonment.id}`,
      content: thanksMessage(this.templates, {
        name: abandonment.user.name,
        productName: offer?.productName ?? abandonment.productName ?? abandonment.productId,
        windowOpen: isServiceWindowOpen(conversation.lastUserMessageAt),
      }),
      intent: 'payment_thanks',
    });
    return { applied, conversationId: conversation.id, thanksMessageId: thanks.id };
  }

  /** The payment's row, written once per (source, payment id); a redelivery finds the first. */
  private ledger(command: PaymentCommand): Promise<Payment> {
    const paidAt = command.timestamp ? new Date(command.timestamp) : new Date();
    const key = { source: command.source, externalId: command.paymentId };
    return this.db.payment.upsert({
      where: { source_externalId: key },
      create: {
        ...key,
        // Sara's own payment names its abandonment exactly as a platform names its checkout.
        checkoutKey: command.abandonmentId ?? command.checkoutKey ?? null,
        buyerPhone: command.buyer?.phone ?? null,
        buyerEmail: command.buyer?.email ?? null,
        productId: command.productId ?? null,
        amount: command.amount,
        currency: command.currency ?? null,
        paidAt: Number.isNaN(paidAt.getTime()) ? new Date() : paidAt,
      },
      update: {},
    });
  }

  /** As the matcher finds it, or as it was first matched (a person's link included) on a replay. */
  private async abandonmentOf(
    payment: Payment,
    command: PaymentCommand,
  ): Promise<{ found: true; abandonment: MatchableAbandonment; matchedBy: PaymentMatchedBy } | Extract<AbandonmentMatch, { found: false }>> {
    const matched = payment.abandonmentId ? await this.matcher.matchedAbandonment(payment.abandonmentId) : null;
    if (matched) return { found: true, abandonment: matched, matchedBy: isMatchedBy(payment.matchedBy) ? payment.matchedBy : 'checkout' };
    if (command.abandonmentId) {
      const named = await this.matcher.namedAbandonment(command.abandonmentId);
      return named
        ? { found: true, abandonment: named, matchedBy: 'checkout' }
        : { found: false, reason: `abandonment ${command.abandonmentId} is not recorded yet` };
    }
    return this.matcher.abandonmentFor({ ...command, buyer: command.buyer ?? {}, paidAt: payment.paidAt });
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

/** A replayed payment keeps the key that first found its abandonment, a person's link included. */
function isMatchedBy(value: string | null): value is PaymentMatchedBy {
  return (PAYMENT_MATCHED_BY as readonly (string | null)[]).includes(value);
}
