import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { phoneVariants } from '../phone.js';
import type { BuyerKeys } from './commands.js';

const withBuyerAndConversation = { user: true, conversation: true } as const;
export type MatchableAbandonment = Prisma.AbandonmentGetPayload<{ include: typeof withBuyerAndConversation }>;

/** Which key found the abandonment. */
export type MatchedBy = 'checkout' | 'phone' | 'email';

export type AbandonmentMatch = { found: true; abandonment: MatchableAbandonment; matchedBy: MatchedBy } | { found: false; reason: string };

/**
 * Finds candidates; Settlement decides what they mean. A platform payment names no abandonment, so it
 * is matched by the checkout it completed when the platform says, then by the buyer's phone,
 * then email — only an abandonment of the same product when the payment names one, still
 * open, and recorded within the window before the payment.
 */
export class PaymentMatcher {
  constructor(
    private readonly db: PrismaClient,
    private readonly windowMs: number,
  ) {}

  /** The abandonment Sara's own payment names: its external id is the payment's checkout key. */
  async namedAbandonment(externalId: string): Promise<MatchableAbandonment | null> {
    return this.db.abandonment.findUnique({ where: { externalId }, include: withBuyerAndConversation });
  }

  /** The abandonment a payment already matched (a replay), if it still exists. */
  async matchedAbandonment(id: string): Promise<MatchableAbandonment | null> {
    return this.db.abandonment.findUnique({ where: { id }, include: withBuyerAndConversation });
  }

  async abandonmentFor(payment: {
    checkoutKey?: string | null | undefined;
    buyer: BuyerKeys;
    productId?: string | null | undefined;
    paidAt: Date;
  }): Promise<AbandonmentMatch> {
    if (payment.checkoutKey) {
      const exact = await this.namedAbandonment(payment.checkoutKey);
      if (exact) return { found: true, abandonment: exact, matchedBy: 'checkout' };
    }
    const open: Prisma.AbandonmentWhereInput = {
      status: { not: 'converted' },
      createdAt: { gte: new Date(payment.paidAt.getTime() - this.windowMs) },
      ...(payment.productId ? { productId: payment.productId } : {}),
    };
    const latest = (where: Prisma.AbandonmentWhereInput) =>
      this.db.abandonment.findFirst({ where: { ...open, ...where }, orderBy: { createdAt: 'desc' }, include: withBuyerAndConversation });

    if (payment.buyer.phone) {
      const byPhone = await latest({ user: { phoneNumber: { in: phoneVariants(payment.buyer.phone) } } });
      if (byPhone) return { found: true, abandonment: byPhone, matchedBy: 'phone' };
    }
    if (payment.buyer.email) {
      const byEmail = await latest({ buyerEmail: payment.buyer.email });
      if (byEmail) return { found: true, abandonment: byEmail, matchedBy: 'email' };
    }
    const keys = [payment.buyer.phone && 'phone', payment.buyer.email && 'email'].filter(Boolean).join(' or ') || 'buyer';
    const product = payment.productId ? ` of product ${payment.productId}` : '';
    return { found: false, reason: `no open abandonment${product} by this ${keys} in the ${Math.round(this.windowMs / 3_600_000)} h before the payment` };
  }

  /**
   * A payment that means this buyer needs no pitch for this abandonment: the one that paid
   * this very checkout (any status, Sara's own included), else one still unmatched (events
   * out of order), else one of this product paid after the abandonment happened (it settled
   * an earlier abandonment of the same purchase). Unmatched ones first, so they can be claimed.
   */
  async settlingPaymentFor(abandonment: { abandonmentKey: string; buyer: BuyerKeys; productId: string; happenedAt: Date; recordedAt: Date }) {
    const exact = await this.db.payment.findFirst({ where: { checkoutKey: abandonment.abandonmentKey }, orderBy: { matchStatus: 'desc' } });
    if (exact) return exact;
    const buyer: Prisma.PaymentWhereInput[] = [
      ...(abandonment.buyer.phone ? [{ buyerPhone: { in: phoneVariants(abandonment.buyer.phone) } }] : []),
      ...(abandonment.buyer.email ? [{ buyerEmail: abandonment.buyer.email }] : []),
    ];
    if (buyer.length === 0) return null;
    const sameBuyerAndProduct: Prisma.PaymentWhereInput = {
      paidAt: { gte: new Date(abandonment.recordedAt.getTime() - this.windowMs) },
      OR: buyer,
      AND: [{ OR: [{ productId: null }, { productId: abandonment.productId }] }],
    };
    return this.db.payment.findFirst({
      where: {
        ...sameBuyerAndProduct,
        AND: [...(sameBuyerAndProduct.AND as Prisma.PaymentWhereInput[]), { OR: [{ matchStatus: 'unmatched' }, { paidAt: { gte: abandonment.happenedAt } }] }],
      },
      // Descending: 'unmatched' before 'review' before 'matched', so a claimable one comes first.
      orderBy: [{ matchStatus: 'desc' }, { paidAt: 'desc' }],
    });
  }
}
