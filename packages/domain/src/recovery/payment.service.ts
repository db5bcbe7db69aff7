import { metrics, type Logger } from '@sara/observability';
import type { Payment, PrismaClient } from '../generated/prisma/client.js';
import { PermanentError } from '../errors.js';
import { queueOutboundMessage } from '../outbound/message-outbox.js';
import { isServiceWindowOpen } from '../outbound/service-window.js';
import type { PaymentCommand } from './commands.js';
import { PaymentMatcher, type AbandonmentMatch } from './payment-matching.js';
import type { ProductOfferCatalog } from './product-offer-catalog.js';
import { Settlement, SILENT_CLOSES } from './settlement.js';
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
    const found = await this.abandonmentOf(payment, command);
    if (!found.found) {
      // Unless an abandonment claimed it meanwhile (its arrival check): then it is matched.
      await this.db.payment.updateMany({ where: { id: payment.id, abandonmentId: null }, data: { matchStatus: 'unmatched', reviewReason: found.reason } });
      if (command.abandonmentId) throw new AbandonmentNotYetKnown(found.reason);
      logger.warn({ source: command.source, reason: found.reason }, 'platform payment matched no abandonment: kept for review');
      return { outcome: 'unmatched', reason: found.reason };
    }

    const { abandonment, matchedBy } = found;
    const conversation = abandonment.conversation;
    const contacted = conversation !== null && (await this.reachedBuyer(abandonment.source, conversation));
    const applied = await this.settlement.applyPayment(abandonment, payment, { matchedBy, linkType: command.linkType ?? null });
    if (applied.outcome === 'review') {
      if (payment.source === 'sara') throw new PaymentNeedsReview(applied.reason);
      logger.warn({ source: command.source, reason: applied.reason }, 'platform payment does not fit its abandonment: kept for review');
      return { outcome: 'unmatched', reason: applied.reason };
    }
    if (applied.outcome === 'converted' && contacted) {
      metrics.recoveredSales.inc({ link: applied.conversionLink });
      metrics.recoveredRevenue.inc({ link: applied.conversionLink }, command.amount);
      logger.info({ conversationId: conversation?.id, conversionLink: applied.conversionLink, matchedBy }, 'sale recovered');
    }

    // The holdout group hears nothing, not even thanks: its payments only measure the baseline.
    if (!conversation || !contacted || abandonment.user.optedOut || abandonment.cohort === 'control')
      return { outcome: 'converted', conversationId: conversation?.id ?? null, thanksMessageId: null };
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
    return { outcome: 'converted', conversationId: conversation.id, thanksMessageId: thanks.id };
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

  private async abandonmentOf(payment: Payment, command: PaymentCommand): Promise<AbandonmentMatch> {
    const matched = payment.abandonmentId ? await this.matcher.matchedAbandonment(payment.abandonmentId) : null;
    if (matched)
      return { found: true, abandonment: matched, matchedBy: payment.matchedBy === 'phone' || payment.matchedBy === 'email' ? payment.matchedBy : 'checkout' };
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
