import { Prisma } from '../generated/prisma/client.js';
import type { PrismaClientOrTransaction } from '../client.js';

/** One delivery's news about a checkout, as the ingress received it. */
export type CheckoutReport = { key: string; source: string; dueAt?: Date; completed?: true };

/**
 * checkouts: what platforms said about a checkout before its abandonment exists. Written when
 * a delivery is received (the abandonment worker only sees a delivery once its delay ended,
 * and by then a later one may have pushed the checkout's turn back or completed it).
 */
export class CheckoutRepository {
  constructor(private readonly db: PrismaClientOrTransaction) {}

  /** Idempotent: a redelivery, or a retry after the log insert failed, changes nothing. */
  async report(reports: CheckoutReport[]): Promise<void> {
    if (reports.length === 0) return;
    const rows = reports.map(
      (report) => Prisma.sql`(${report.key}, ${report.source}, ${report.dueAt ?? null}::timestamptz, ${report.completed ? new Date() : null}::timestamptz)`,
    );
    await this.db.$executeRaw`
      INSERT INTO checkouts (key, source, due_at, completed_at) VALUES ${Prisma.join(rows)}
      ON CONFLICT (key) DO UPDATE SET
        due_at = GREATEST(checkouts.due_at, EXCLUDED.due_at),
        completed_at = COALESCE(checkouts.completed_at, EXCLUDED.completed_at),
        updated_at = now()`;
  }

  /** Whether a later delivery of this checkout asked to wait longer than `notBefore`: its turn, not this one's. */
  async isSuperseded(key: string, notBefore: Date): Promise<boolean> {
    const found = await this.db.checkout.count({ where: { key, dueAt: { gt: notBefore } } });
    return found > 0;
  }

  async isCompleted(key: string): Promise<boolean> {
    const found = await this.db.checkout.count({ where: { key, completedAt: { not: null } } });
    return found > 0;
  }
}

/**
 * The checkout news a receipt carries: a completed checkout (its key is the log row's external
 * id), or an abandonment delivery with a delay (keyed by its subject, the abandonment id).
 */
export function checkoutReportOf(receipt: {
  webhookType: string;
  externalId: string;
  source?: string;
  subject?: string;
  event?: Prisma.InputJsonValue;
}): CheckoutReport | null {
  const source = receipt.source ?? 'sara';
  if (receipt.webhookType === 'checkout_completed') return { key: receipt.externalId, source, completed: true };
  if (receipt.webhookType !== 'abandonment' || !receipt.subject) return null;
  const notBefore = notBeforeOf(receipt.event);
  return notBefore ? { key: receipt.subject, source, dueAt: notBefore } : null;
}

function notBeforeOf(event: Prisma.InputJsonValue | undefined): Date | null {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return null;
  const value = (event as Record<string, unknown>).notBefore;
  const parsed = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(parsed) ? new Date(parsed) : null;
}
