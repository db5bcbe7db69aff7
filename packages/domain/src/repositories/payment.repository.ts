import type { PrismaClientOrTransaction } from '../client.js';
import type { Payment } from '../generated/prisma/client.js';
import type { PaymentMatchedBy, PaymentMatchStatus } from '../states.js';

export type PaymentReview = {
  id: string;
  source: string;
  paymentId: string;
  amount: string;
  currency: string | null;
  paidAt: string;
  productId: string | null;
  matchStatus: PaymentMatchStatus;
  matchedBy: PaymentMatchedBy | null;
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
    return { total, payments: rows.map(toReview) };
  }

  async find(id: string): Promise<PaymentReview | null> {
    const row = await this.db.payment.findUnique({ where: { id } });
    return row ? toReview(row) : null;
  }

  /**
   * "Ignorar": a person decided this payment needs nothing; their reason is kept where the
   * review reason was. A matched payment is not ignored (it settled a sale): `matched`.
   */
  async ignore(id: string, reason: string): Promise<{ ignored: PaymentReview } | { refused: 'not_found' | 'matched' }> {
    const changed = await this.db.payment.updateMany({
      where: { id, matchStatus: { not: 'matched' } },
      data: { matchStatus: 'ignored', reviewReason: reason },
    });
    const row = await this.find(id);
    if (!row) return { refused: 'not_found' };
    return changed.count === 1 ? { ignored: row } : { refused: 'matched' };
  }
}

function toReview(row: Payment): PaymentReview {
  return {
    id: row.id,
    source: row.source,
    paymentId: row.externalId,
    amount: row.amount.toFixed(2),
    currency: row.currency,
    paidAt: row.paidAt.toISOString(),
    productId: row.productId,
    // The database's CHECKs hold both columns to these values (states.ts).
    matchStatus: row.matchStatus as PaymentMatchStatus,
    matchedBy: row.matchedBy as PaymentMatchedBy | null,
    reviewReason: row.reviewReason,
    abandonmentId: row.abandonmentId,
    buyer: { phone: row.buyerPhone && maskPhone(row.buyerPhone), email: row.buyerEmail && maskEmail(row.buyerEmail) },
  };
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
