import type { PrismaClientOrTransaction } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { phoneVariants } from '../phone.js';
import type { AbandonmentKind } from '../recovery/commands.js';

/** The strongest reason an abandonment is offered for a payment. */
export type CandidateMatch = 'phone' | 'email' | 'product';

export type PaymentCandidate = {
  id: string;
  externalId: string;
  productId: string;
  productName: string;
  buyerName: string;
  value: number | null;
  kind: AbandonmentKind;
  status: string;
  createdAt: string;
  matchedBy: CandidateMatch;
};

const MAX_CANDIDATES = 20;

/**
 * What a person may link a payment to by hand: the open (not converted) abandonments of its
 * buyer — by phone, in either form of a Brazilian mobile, or by e-mail — or of its product,
 * newest first. No time window, unlike the automatic match: a payment is often here precisely
 * because its abandonment is older than that window. Null when the payment does not exist.
 */
export async function paymentCandidates(db: PrismaClientOrTransaction, paymentId: string): Promise<PaymentCandidate[] | null> {
  const payment = await db.payment.findUnique({ where: { id: paymentId } });
  if (!payment) return null;
  const phones = payment.buyerPhone ? phoneVariants(payment.buyerPhone) : [];
  const email = payment.buyerEmail?.toLowerCase() ?? null;
  const keys: Prisma.AbandonmentWhereInput[] = [
    ...(phones.length ? [{ user: { phoneNumber: { in: phones } } }] : []),
    ...(email ? [{ buyerEmail: email }] : []),
    ...(payment.productId ? [{ productId: payment.productId }] : []),
  ];
  if (keys.length === 0) return [];
  const rows = await db.abandonment.findMany({
    where: { status: { not: 'converted' }, OR: keys },
    include: { user: { select: { name: true, phoneNumber: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: MAX_CANDIDATES,
  });
  const offers = await db.productOffer.findMany({
    where: { productId: { in: [...new Set(rows.map((row) => row.productId))] } },
    select: { productId: true, productName: true },
  });
  const offerName = new Map(offers.map((offer) => [offer.productId, offer.productName]));
  return rows.map((row) => ({
    id: row.id,
    externalId: row.externalId,
    productId: row.productId,
    productName: offerName.get(row.productId) ?? row.productName ?? row.productId,
    buyerName: row.user.name,
    value: row.value === null ? null : row.value.toNumber(),
    // The abandonment worker writes only the kinds of ABANDONMENT_KINDS.
    kind: row.kind as AbandonmentKind,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    matchedBy: phones.includes(row.user.phoneNumber) ? 'phone' : email !== null && row.buyerEmail === email ? 'email' : 'product',
  }));
}
