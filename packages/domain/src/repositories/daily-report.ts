import type { PrismaClientOrTransaction } from '../client.js';
import { CONTACTED, RECOVERED_REVENUE, toCents } from './recovery-report.repository.js';

/** One calendar day of the shop: the abandonments created that day and what became of them. */
export type DailyPoint = { date: string; abandonments: number; contacted: number; recovered: number; recoveredRevenue: number; recoveryRate: number };

type DayRow = { date: string; abandonments: number; contacted: number; recovered: number; revenue: string };

/**
 * The report's figures day by day, for the chart: the abandonments created in [from, to), each
 * counted on the day it was created in `timeZone` (the shop's), with the same `contacted` and
 * revenue as RecoveryReport. Every day the period touches is a row, oldest first, zeros
 * included, so a chart has no gaps. One query, whatever the period (a year is 366 rows).
 */
export async function dailyRecovery(db: PrismaClientOrTransaction, range: { from: Date; to: Date }, timeZone: string): Promise<DailyPoint[]> {
  const { from, to } = range;
  const rows = await db.$queryRaw<DayRow[]>`
    WITH days AS (
      SELECT day::date AS day
      FROM generate_series(
        (${from}::timestamptz AT TIME ZONE ${timeZone}::text)::date,
        ((${to}::timestamptz - interval '1 millisecond') AT TIME ZONE ${timeZone}::text)::date,
        interval '1 day'
      ) AS day
    ),
    facts AS (
      SELECT (a.created_at AT TIME ZONE ${timeZone}::text)::date AS day,
        a.status = 'converted' AS recovered,
        ${CONTACTED} AS contacted,
        ${RECOVERED_REVENUE} AS revenue
      FROM abandonments a
      WHERE a.created_at >= ${from} AND a.created_at < ${to}
    )
    SELECT to_char(days.day, 'YYYY-MM-DD') AS date,
      COUNT(f.day)::int AS abandonments,
      COUNT(*) FILTER (WHERE f.contacted)::int AS contacted,
      COUNT(*) FILTER (WHERE f.recovered)::int AS recovered,
      COALESCE(SUM(f.revenue), 0)::text AS revenue
    FROM days LEFT JOIN facts f ON f.day = days.day
    GROUP BY days.day
    ORDER BY days.day`;
  return rows.map((row) => ({
    date: row.date,
    abandonments: row.abandonments,
    contacted: row.contacted,
    recovered: row.recovered,
    recoveredRevenue: toCents(row.revenue) / 100,
    recoveryRate: row.abandonments === 0 ? 0 : Math.round((row.recovered / row.abandonments) * 10_000) / 10_000,
  }));
}
