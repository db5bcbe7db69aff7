import type { PrismaClientOrTransaction } from '../client.js';

/** matched; unmatched (no abandonment found); review (found, but the amount or owner does not fit). */
export type PaymentMatchStatus = 'matched' | 'unmatched' | 'review';

export type PaymentReview = {
  id: string;
  source: string;
  paymentId: string;
  amount: string;
  currency: string | null;
  paidAt: string;
  productId: string | null;
  matchStatus: string;
  matchedBy: string | null;
  reviewReason: string | null;
  abandonmentId: string | null;
  /** Masked: enough for a person to recognise the buyer next to the platform's own record. */
  buyer: { phone: string | null; email: string | null };
};

/** The payments ledger as an operator reviews it: newest first, the unmatched ones with their reason. */
export class PaymentRepository {
  constructor(private readonly db: PrismaClientOrTransaction) {}

  async list(options: { status?: PaymentMatchStatus; limit: number; offset: number }): Promise<{ payments: PaymentReview[]; total: number }> {
    const where = options.status ? { matchStatus: options.status } : {};
    const [rows, total] = await Promise.all([
      this.db.payment.findMany({ where, orderBy: { paidAt: 'desc' }, take: options.limit, skip: options.offset }),
      this.db.payment.count({ where }),
    ]);
    return {
      total,
      payments: rows.map((row) => ({
        id: row.id,
        source: row.source,
        paymentId: row.externalId,
        amount: row.amount.toFixed(2),
        currency: row.currency,
        paidAt: row.paidAt.toISOString(),
        productId: row.productId,
        matchStatus: row.matchStatus,
        matchedBy: row.matchedBy,
        reviewReason: row.reviewReason,
        abandonmentId: row.abandonmentId,
        buyer: { phone: row.buyerPhone && maskPhone(row.buyerPhone), email: row.buyerEmail && maskEmail(row.buyerEmail) },
      })),
    };
  }
}

/** "+5511987654321" → "+5511••••••321". */
export function maskPhone(e164: string): string {
  return e164.length <= 8 ? '•'.repeat(e164.length) : `${e164.slice(0, 5)}${'•'.repeat(e164.length - 8)}${e164.slice(-3)}`;
}

/** "mariana.costa@example.com" → "ma•••@example.com". */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}•••@${domain}`;
}
