import type { Payment, Prisma, PrismaClient } from '../generated/prisma/client.js';
import { closeConversation } from '../conversation/close-conversation.js';
import { isUniqueViolation } from '../errors.js';
import { phoneVariants } from '../phone.js';
import { CheckoutRepository } from '../repositories/checkout.repository.js';
import type { ConversionLink, PaymentMatchedBy } from '../states.js';
import type { AbandonmentCommand } from './commands.js';
import type { MatchableAbandonment, MatchedBy, PaymentMatcher } from './payment-matching.js';
import type { ProductOfferCatalog } from './product-offer-catalog.js';

/** Why a payment did not settle: its amount, the abandonment paid by another, or the payment already used. */
export type Refusal = 'amount' | 'abandonment_taken' | 'payment_taken';

export type Applied = { outcome: 'converted' | 'replayed'; conversionLink: ConversionLink } | { outcome: 'review'; reason: string; why: Refusal };

/** Before the first word: nothing settles the abandonment, or something already did. */
export type Arrival = 'open' | 'checkout_completed' | 'paid_before_contact' | 'paid_pending';

/** Conversations closed before Sara wrote a word: their later payment is no recovery to thank for. */
export const SILENT_CLOSES: ReadonlySet<string> = new Set(['checkout_completed', 'paid_before_contact']);

type ArrivedAbandonment = { id: string; userId: string; createdAt: Date; productId: string; value: Prisma.Decimal | null };

/**
 * The only code that decides an abandonment is paid, purchased elsewhere or closed by a
 * payment — from the payment's side (`applyPayment`) and from the abandonment's (`onArrival`),
 * for Sara's own webhook and every platform. Both sides lock the abandonment row, then the
 * payment row, before they write anything, so two replicas settling one payment from either
 * side wait for each other instead of deadlocking, and a decision is taken on rows nobody else
 * can change under it.
 */
export class Settlement {
  private readonly checkouts: CheckoutRepository;

  constructor(
    private readonly db: PrismaClient,
    private readonly offers: ProductOfferCatalog,
    private readonly matcher: PaymentMatcher,
  ) {
    this.checkouts = new CheckoutRepository(db);
  }

  /**
   * A payment found its abandonment: converts it, closes its conversation and every other
   * recovery of that product, and marks the payment matched — or holds the payment for review
   * with the reason. A second charge for one sale always reaches review, whichever arrived first.
   * A person linking by hand (`byHand`) is only told why it did not settle: the payment stays
   * where it was, for them to look again; and a payment matched already is never linked again.
   */
  async applyPayment(
    abandonment: MatchableAbandonment,
    payment: Payment,
    claim: { matchedBy: PaymentMatchedBy; linkType?: ConversionLink | null; byHand?: boolean },
  ): Promise<Applied> {
    const hold = (reason: string, why: Refusal): Promise<Applied> =>
      claim.byHand ? Promise.resolve({ outcome: 'review', reason, why }) : this.holdForReview(payment, reason, why);
    if (abandonment.status === 'converted' && abandonment.paymentId !== payment.externalId) return hold(anotherPayment(abandonment), 'abandonment_taken');
    const offer = await this.offers.find(abandonment.productId);
    const conversionLink = matchAmount(payment.amount.toNumber(), abandonment.value, offer?.discountPercent ?? null, claim.linkType ?? null);
    if (!conversionLink) {
      const reason = `amount ${payment.amount.toFixed(2)} matches neither the original value ${abandonment.value?.toFixed(2)} nor its discounted value`;
      if (claim.byHand) return hold(reason, 'amount');
      // The buyer paid something for this product: Sara stops selling until a person looks.
      // Sara's own format keeps the design's flow, where such a payment only waits for review.
      const conversationId = abandonment.conversation?.id;
      if (payment.source !== 'sara' && conversationId && abandonment.status !== 'converted') {
        await closeConversation(this.db, conversationId, 'payment_review');
      }
      return hold(reason, 'amount');
    }

    const now = new Date();
    let settled: 'converted' | 'replayed' | 'taken' | 'used';
    try {
      settled = await this.db.$transaction(async (tx) => {
        // The status read above may be stale: two payments for one abandonment at the same
        // moment must not both pass. The row lock makes the second wait, then see the first's.
        const current = await lockAbandonment(tx, abandonment.id);
        const locked = await lockPayment(tx, payment.id);
        // A link by hand happens once: a second click, or a match that came first, is not replayed.
        if (claim.byHand && locked?.match_status === 'matched') return 'used';
        if (current?.status === 'converted') {
          if (current.payment_id !== payment.externalId) return 'taken';
          await markMatched(tx, payment.id, abandonment.id, claim.matchedBy);
          return 'replayed';
        }
        await tx.abandonment.update({
          where: { id: abandonment.id },
          data: { status: 'converted', paymentId: payment.externalId, conversionLink, convertedAt: now },
        });
        await closeConversation(tx, { abandonmentId: abandonment.id }, 'converted', now);
        await closeOtherRecoveries(tx, abandonment, now);
        await markMatched(tx, payment.id, abandonment.id, claim.matchedBy);
        return 'converted';
      });
    } catch (error) {
      // abandonments.payment_id is UNIQUE: this payment already converted another abandonment.
      if (isUniqueViolation(error)) return hold(`payment ${payment.externalId} already converted another abandonment`, 'payment_taken');
      throw error;
    }
    if (settled === 'taken') return hold(anotherPayment(abandonment), 'abandonment_taken');
    if (settled === 'used') return hold(`payment ${payment.externalId} is matched already`, 'payment_taken');
    return { outcome: settled, conversionLink };
  }

  /**
   * What happened before this abandonment's turn came: the platform reported the checkout
   * completed, or the buyer already paid — this checkout exactly, a payment that matched
   * nothing yet, or this product after the event. Either way the buyer must not be pitched. A
   * platform payment still unmatched is claimed and converts the abandonment in the same
   * transaction that closes the conversation, so a retry after a crash finds it closed.
   */
  async onArrival(command: AbandonmentCommand, abandonment: ArrivedAbandonment, conversationId: string): Promise<Arrival> {
    // Only platforms report completed checkouts; Sara's own format has no such event.
    if (command.source !== 'sara' && (await this.checkouts.isCompleted(command.abandonmentId))) {
      await closeConversation(this.db, conversationId, 'checkout_completed');
      return 'checkout_completed';
    }
    const payment = await this.matcher.settlingPaymentFor({
      abandonmentKey: command.abandonmentId,
      buyer: { phone: command.phone, email: command.email },
      productId: command.productId,
      happenedAt: instantOr(command.timestamp, abandonment.createdAt),
      recordedAt: abandonment.createdAt,
    });
    if (!payment) return 'open';
    // Sara's own payment names this abandonment and its job retries until it is in: that job
    // converts it and thanks the buyer, as the design's flow has it. Here it only silences.
    if (payment.source === 'sara') return 'paid_pending';

    const matchedBy: MatchedBy =
      payment.checkoutKey === command.abandonmentId
        ? 'checkout'
        : payment.buyerPhone && phoneVariants(command.phone).includes(payment.buyerPhone)
          ? 'phone'
          : 'email';
    // Which link was paid, by the amount, as applyPayment judges it; a payment that fits
    // neither price still silences the pitch and counts as the original link.
    const offer = await this.offers.find(command.productId);
    const conversionLink = matchAmount(payment.amount.toNumber(), abandonment.value, offer?.discountPercent ?? null, null) ?? 'original';
    await this.db.$transaction(async (tx) => {
      const current = await lockAbandonment(tx, abandonment.id);
      await lockPayment(tx, payment.id);
      const claimable = { id: payment.id, matchStatus: 'unmatched', abandonmentId: null };
      if (current?.status === 'converted' && current.payment_id !== payment.externalId) {
        // Converted meanwhile by another payment: this one is a second charge, for a person.
        await tx.payment.updateMany({
          where: claimable,
          data: { matchStatus: 'review', reviewReason: `abandonment ${command.abandonmentId} was already converted by another payment` },
        });
      } else if (current?.status !== 'converted') {
        // Only a payment nobody holds is claimed; one under review or another's only silences.
        const claimed = await tx.payment.updateMany({
          where: claimable,
          data: { matchStatus: 'matched', abandonmentId: abandonment.id, matchedBy, reviewReason: null },
        });
        if (claimed.count === 1) {
          const now = new Date();
          await tx.abandonment.update({
            where: { id: abandonment.id },
            data: { status: 'converted', paymentId: payment.externalId, conversionLink, convertedAt: now },
          });
          await closeOtherRecoveries(tx, { id: abandonment.id, userId: abandonment.userId, productId: command.productId }, now);
        }
      }
      await closeConversation(tx, conversationId, 'paid_before_contact');
    });
    return 'paid_before_contact';
  }

  /** Found but not fitting: 'review', never 'unmatched', so no later abandonment claims it. */
  private async holdForReview(payment: Payment, reason: string, why: Refusal): Promise<Applied> {
    // Unless another abandonment took it meanwhile (its own arrival check): then it is theirs.
    await this.db.payment.updateMany({ where: { id: payment.id, abandonmentId: null }, data: { matchStatus: 'review', reviewReason: reason } });
    return { outcome: 'review', reason, why };
  }
}

/**
 * A buyer can hold several recoveries of one product (a cart, then a Pix reminder): once it is
 * bought, none of them may keep selling it.
 */
async function closeOtherRecoveries(tx: Prisma.TransactionClient, bought: { id: string; userId: string; productId: string }, now: Date): Promise<void> {
  await closeConversation(tx, { userId: bought.userId, abandonmentId: { not: bought.id }, abandonment: { productId: bought.productId } }, 'purchased', now);
}

async function lockAbandonment(tx: Prisma.TransactionClient, id: string) {
  const [row] = await tx.$queryRaw<
    { status: string; payment_id: string | null }[]
  >`SELECT status, payment_id FROM abandonments WHERE id = ${id}::uuid FOR UPDATE`;
  return row;
}

async function lockPayment(tx: Prisma.TransactionClient, id: string) {
  const [row] = await tx.$queryRaw<{ match_status: string }[]>`SELECT match_status FROM payments WHERE id = ${id}::uuid FOR UPDATE`;
  return row;
}

async function markMatched(tx: Prisma.TransactionClient, paymentId: string, abandonmentId: string, matchedBy: PaymentMatchedBy): Promise<void> {
  await tx.payment.update({ where: { id: paymentId }, data: { matchStatus: 'matched', abandonmentId, matchedBy, reviewReason: null } });
}

function anotherPayment(abandonment: { externalId: string }): string {
  return `abandonment ${abandonment.externalId} was already converted by another payment`;
}

/** A platform's date, or the fallback when it is absent or not a date JavaScript can read. */
function instantOr(value: string | null | undefined, fallback: Date): Date {
  const parsed = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(parsed) ? new Date(parsed) : fallback;
}

/**
 * Which link the buyer paid through: the amount must equal the original value or the value
 * after the product's discount, within a cent. An abandonment without a value accepts any.
 */
export function matchAmount(
  amount: number,
  value: Prisma.Decimal | null,
  discountPercent: number | null,
  claimed: ConversionLink | null,
): ConversionLink | null {
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
