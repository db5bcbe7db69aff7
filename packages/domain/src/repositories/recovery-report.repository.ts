import type { PrismaClientOrTransaction } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { holdoutReport, type CohortCounts, type HoldoutReport } from '../sequences/index.js';

/** The counts the holdout compares, without their revenue: the report names that one for what it is. */
type Counts = Omit<CohortCounts, 'revenue'>;

/** One slice of the abandonments (a kind, a source): its funnel, and what the recoveries brought. */
export type ReportSlice = { abandonments: number; contacted: number; replied: number; recovered: number; recoveredRevenue: number };

export type StepReport = { step: number; sent: number; recoveredAfter: number };

export type RecoveryReportView = {
  from: string;
  to: string;
  abandonments: number;
  contacted: number;
  replied: number;
  optedOut: number;
  recovered: number;
  recoveredRevenue: number;
  byKind: Record<string, ReportSlice>;
  bySource: Record<string, ReportSlice>;
  byStep: StepReport[];
  holdout: HoldoutReport;
};

type GroupRow = {
  kind: string;
  source: string;
  cohort: string;
  abandonments: number;
  contacted: number;
  replied: number;
  opted_out: number;
  recovered: number;
  /** numeric as text: summed in cents here, so no float creeps into money. */
  revenue: string;
};

type StepRow = { step: number; sent: number; recovered_after: number };

/** Abandonment `a` (treatment) had a recovery template — a sequence step, not the thanks — leave for the buyer. */
export const CONTACTED = Prisma.sql`a.cohort = 'treatment' AND EXISTS (
  SELECT 1 FROM conversations c JOIN messages m ON m.conversation_id = c.id
  WHERE c.abandonment_id = a.id AND m.from_sender = 'sara' AND m.status IN ('sent', 'delivered', 'read')
    AND (m.sequence_step IS NOT NULL OR m.intent = 'recovery_template')
)`;

/** What abandonment `a` brought: its matched payments, once it is converted. */
export const RECOVERED_REVENUE = Prisma.sql`CASE WHEN a.status = 'converted' THEN (
  SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.abandonment_id = a.id AND p.match_status = 'matched'
) ELSE 0 END`;

/**
 * What the recoveries of a period achieved, over the abandonments CREATED in [from, to): every
 * figure, conversions included, is about that one set of abandonments, so rates and the holdout
 * compare like with like. A sale of a recent period may still come in, so its figures can grow.
 *
 * - abandonments, recovered, recoveredRevenue, byKind, bySource: both cohorts, the shop's total
 *   (a slice's contacted and replied are counted as the totals are).
 * - contacted: treatment abandonments with a recovery template (a sequence step, not the
 *   thank-you) that left: sent, delivered or read.
 * - replied: a message from the buyer in its conversation.
 * - optedOut: its conversation closed as opted_out, or the buyer opted out after it was created.
 * - recovered: status converted; recoveredRevenue: its matched payments' amounts, in BRL.
 * - byStep: `sent` counts the steps recorded as sent; `recoveredAfter` credits each sale to the
 *   last step sent before it (the highest step with sent_at <= converted_at). A sale before any
 *   step left is credited to none.
 * - holdout: control against treatment, computed by the holdout module (lift, Newcombe 95 % CI).
 *
 * Two aggregate queries whatever the number of abandonments: the per-abandonment facts are
 * correlated EXISTS on indexed keys (conversations.abandonment_id, messages.conversation_id,
 * payments.abandonment_id, recovery_steps' unique (abandonment_id, step)).
 */
export class RecoveryReport {
  constructor(private readonly db: PrismaClientOrTransaction) {}

  async build(range: { from: Date; to: Date }): Promise<RecoveryReportView> {
    const [groups, steps] = await Promise.all([this.groups(range), this.steps(range)]);
    const byKind: Record<string, Tally> = {};
    const bySource: Record<string, Tally> = {};
    const byCohort = { control: emptyTally(), treatment: emptyTally() };
    const total = emptyTally();
    let contacted = 0;
    let replied = 0;
    let optedOut = 0;
    for (const row of groups) {
      const cents = toCents(row.revenue);
      for (const tally of [total, (byKind[row.kind] ??= emptyTally()), (bySource[row.source] ??= emptyTally()), byCohort[asCohort(row.cohort)]]) {
        add(tally, row, cents);
      }
      contacted += row.contacted;
      replied += row.replied;
      optedOut += row.opted_out;
    }
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      abandonments: total.abandonments,
      contacted,
      replied,
      optedOut,
      recovered: total.recovered,
      recoveredRevenue: total.cents / 100,
      byKind: mapValues(byKind, toSlice),
      bySource: mapValues(bySource, toSlice),
      byStep: steps.map((row) => ({ step: row.step, sent: row.sent, recoveredAfter: row.recovered_after })),
      holdout: holdoutReport({ control: toCounts(byCohort.control), treatment: toCounts(byCohort.treatment) }),
    };
  }

  /** The per-abandonment facts, counted per (kind, source, cohort): every other figure is a sum of these rows. */
  private groups({ from, to }: { from: Date; to: Date }): Promise<GroupRow[]> {
    return this.db.$queryRaw<GroupRow[]>`
      WITH facts AS (
        SELECT a.kind, a.source, a.cohort,
          a.status = 'converted' AS recovered,
          ${CONTACTED} AS contacted,
          EXISTS (
            SELECT 1 FROM conversations c JOIN messages m ON m.conversation_id = c.id
            WHERE c.abandonment_id = a.id AND m.from_sender = 'user'
          ) AS replied,
          EXISTS (SELECT 1 FROM conversations c WHERE c.abandonment_id = a.id AND c.closed_reason = 'opted_out')
            OR EXISTS (SELECT 1 FROM users u WHERE u.id = a.user_id AND u.opted_out AND u.opted_out_at >= a.created_at) AS opted_out,
          ${RECOVERED_REVENUE} AS revenue
        FROM abandonments a
        WHERE a.created_at >= ${from} AND a.created_at < ${to}
      )
      SELECT kind, source, cohort,
        COUNT(*)::int AS abandonments,
        COUNT(*) FILTER (WHERE contacted)::int AS contacted,
        COUNT(*) FILTER (WHERE replied)::int AS replied,
        COUNT(*) FILTER (WHERE opted_out)::int AS opted_out,
        COUNT(*) FILTER (WHERE recovered)::int AS recovered,
        SUM(revenue)::text AS revenue
      FROM facts
      GROUP BY kind, source, cohort
      ORDER BY kind, source, cohort`;
  }

  /** Steps sent per step number, and each sale credited to the last step that left before it. */
  private steps({ from, to }: { from: Date; to: Date }): Promise<StepRow[]> {
    return this.db.$queryRaw<StepRow[]>`
      WITH period AS (
        SELECT id, status, converted_at FROM abandonments WHERE created_at >= ${from} AND created_at < ${to}
      ),
      credited AS (
        SELECT DISTINCT ON (p.id) s.step
        FROM period p JOIN recovery_steps s ON s.abandonment_id = p.id
        WHERE p.status = 'converted' AND s.status = 'sent' AND s.sent_at <= p.converted_at
        ORDER BY p.id, s.step DESC
      )
      SELECT s.step::int AS step,
        COUNT(*) FILTER (WHERE s.status = 'sent')::int AS sent,
        (SELECT COUNT(*) FROM credited c WHERE c.step = s.step)::int AS recovered_after
      FROM period p JOIN recovery_steps s ON s.abandonment_id = p.id
      GROUP BY s.step
      ORDER BY s.step`;
  }
}

/** Money summed in cents, so no float creeps in before the division at the end. */
type Tally = Counts & { contacted: number; replied: number; cents: number };

const emptyTally = (): Tally => ({ abandonments: 0, contacted: 0, replied: 0, recovered: 0, cents: 0 });

function add(tally: Tally, row: GroupRow, cents: number): void {
  tally.abandonments += row.abandonments;
  tally.contacted += row.contacted;
  tally.replied += row.replied;
  tally.recovered += row.recovered;
  tally.cents += cents;
}

// The database's CHECK allows only these two; anything else would be a new cohort to report on.
function asCohort(cohort: string): 'control' | 'treatment' {
  if (cohort !== 'control' && cohort !== 'treatment') throw new Error(`unknown cohort ${cohort}`);
  return cohort;
}

/** "1234.5" → 123450: numeric(10,2) read exactly, never through a float sum. */
export function toCents(amount: string): number {
  const [units = '0', fraction = ''] = amount.split('.');
  const sign = units.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(units)) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2)));
}

const toSlice = (tally: Tally): ReportSlice => ({
  abandonments: tally.abandonments,
  contacted: tally.contacted,
  replied: tally.replied,
  recovered: tally.recovered,
  recoveredRevenue: tally.cents / 100,
});

const toCounts = (tally: Tally): CohortCounts => ({ abandonments: tally.abandonments, recovered: tally.recovered, revenue: tally.cents / 100 });

function mapValues<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
