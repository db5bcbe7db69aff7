import { dailyRecovery, type PrismaClientOrTransaction, type RecoveryReport, type RecoverySettingsStore } from '@sara/domain';
import { validate } from '@sara/http';
import { Router } from 'express';
import { query, type Meta } from 'express-validator';
import type { DailyReportAnswer, ReportAnswer } from './answers.js';

const DAY_MS = 24 * 3600_000;
/** A year, leap day included: enough for a yearly comparison, small enough to stay a quick query. */
const MAX_RANGE_DAYS = 366;

const instant = (field: 'from' | 'to') =>
  query(field)
    .exists()
    .withMessage('is required (an ISO 8601 date or date-time)')
    .bail()
    // A repeated parameter arrives as a list; one period has one start and one end.
    .custom((value: unknown) => typeof value === 'string')
    .withMessage('must be given once')
    .bail()
    .isISO8601({ strict: true, strictSeparator: true })
    .withMessage('must be an ISO 8601 date or date-time, e.g. 2026-11-01 or 2026-11-01T00:00:00-03:00');

const rangeRules = [
  instant('from'),
  instant('to')
    .bail()
    .custom((to: string, { req }: Meta) => {
      const from = Date.parse(String(req.query?.from));
      // A bad `from` is named by its own rule; this one judges only the period.
      return Number.isNaN(from) || Date.parse(to) > from;
    })
    .withMessage('must be later than from')
    .bail()
    .custom((to: string, { req }: Meta) => {
      const from = Date.parse(String(req.query?.from));
      return Number.isNaN(from) || Date.parse(to) - from <= MAX_RANGE_DAYS * DAY_MS;
    })
    .withMessage(`must be at most ${MAX_RANGE_DAYS} days after from`),
];

/**
 * The recovery report of a period (abandonments created in [from, to)): the funnel, each step's
 * sales, and the lift over the holdout group; and the same abandonments day by day in the
 * shop's time zone, for the chart. Mounted behind the admin token (ingress) or a session (console).
 */
export function reportAdminRoutes(deps: { report: RecoveryReport; prisma: PrismaClientOrTransaction; settings: RecoverySettingsStore }): Router {
  const router = Router();
  const periodOf = (req: { query: unknown }) => {
    const { from, to } = req.query as { from: string; to: string };
    return { from: new Date(from), to: new Date(to) };
  };

  router.get('/report', validate(rangeRules), async (req, res) => {
    const answer: ReportAnswer = await deps.report.build(periodOf(req));
    res.json(answer);
  });

  router.get('/report/daily', validate(rangeRules), async (req, res) => {
    const { timezone } = await deps.settings.get();
    const answer: DailyReportAnswer = { days: await dailyRecovery(deps.prisma, periodOf(req), timezone) };
    res.json(answer);
  });
  return router;
}
