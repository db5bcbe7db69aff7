import type { PrismaClient, RecoveryReportView } from '@sara/domain';
import { abandonment } from './report-fixture.js';

/**
 * One week of abandonments that exercises every rule of the recovery report, and what the
 * report says about it: GET /admin/report is held to these figures over the real database, and
 * `sara report` prints them, so the command is tested on exactly what the API answers.
 */
export const REPORT_WEEK = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z' };

export async function seedReportWeek(db: PrismaClient): Promise<void> {
  const day = '2026-11-03T12:00:00.000Z';
  // Sold 2 h in, after step 2 (sent at 1 h): the sale is step 2's.
  await abandonment(db, {
    created: day,
    convertedAfter: 120,
    paid: 297,
    steps: [
      { step: 1, at: 0, message: 'read' },
      { step: 2, at: 60, message: 'delivered' },
      { step: 3, at: 1440, status: 'scheduled' },
    ],
  });
  // Sold at 30 min, before step 2 left at 1 h: the sale is step 1's.
  await abandonment(db, {
    created: day,
    source: 'hotmart',
    convertedAfter: 30,
    paid: 150.5,
    buyerWrote: true,
    thanks: true,
    steps: [
      { step: 1, at: 0 },
      { step: 2, at: 60 },
    ],
  });
  // The template failed: not contacted. The buyer opted out afterwards.
  await abandonment(db, { created: day, kind: 'pix_generated', userOptedOutAfter: 10, steps: [{ step: 1, at: 0, message: 'failed' }] });
  // Replied "parar": closed as opted out, step 2 skipped.
  await abandonment(db, {
    created: day,
    buyerWrote: true,
    closedReason: 'opted_out',
    steps: [
      { step: 1, at: 0, message: 'delivered' },
      { step: 2, at: 60, status: 'skipped' },
    ],
  });
  // Paid at 10 min while step 1 waited for the end of quiet hours (recorded as sent for 9 h):
  // recovered, thanked, never contacted, credited to no step.
  await abandonment(db, {
    created: day,
    kind: 'boleto_printed',
    source: 'hotmart',
    convertedAfter: 10,
    paid: 89.9,
    thanks: true,
    steps: [{ step: 1, at: 540, message: 'queued' }],
  });
  // The holdout: one of three bought without a word from Sara. The second buyer had opted out
  // before this abandonment, which is not an opt-out of it.
  await abandonment(db, { created: day, cohort: 'control', convertedAfter: 300, paid: 297 });
  await abandonment(db, { created: day, cohort: 'control', userOptedOutAfter: -60 });
  await abandonment(db, { created: day, cohort: 'control', kind: 'pix_generated' });
  // Outside [from, to): just before `from`, and exactly at `to`.
  await abandonment(db, { created: '2026-10-31T23:59:59.999Z', convertedAfter: 5, paid: 1000, steps: [{ step: 1, at: 0 }] });
  await abandonment(db, { created: REPORT_WEEK.to, convertedAfter: 5, paid: 1000, steps: [{ step: 1, at: 0 }] });
}

export const REPORT_WEEK_FIGURES: RecoveryReportView = {
  ...REPORT_WEEK,
  abandonments: 8,
  contacted: 3,
  replied: 2,
  optedOut: 2,
  recovered: 4,
  recoveredRevenue: 834.4,
  byKind: {
    cart: { abandonments: 5, contacted: 3, replied: 2, recovered: 3, recoveredRevenue: 744.5 },
    pix_generated: { abandonments: 2, contacted: 0, replied: 0, recovered: 0, recoveredRevenue: 0 },
    boleto_printed: { abandonments: 1, contacted: 0, replied: 0, recovered: 1, recoveredRevenue: 89.9 },
  },
  bySource: {
    sara: { abandonments: 6, contacted: 2, replied: 1, recovered: 2, recoveredRevenue: 594 },
    hotmart: { abandonments: 2, contacted: 1, replied: 1, recovered: 2, recoveredRevenue: 240.4 },
  },
  byStep: [
    { step: 1, sent: 5, recoveredAfter: 1 },
    { step: 2, sent: 2, recoveredAfter: 1 },
    { step: 3, sent: 0, recoveredAfter: 0 },
  ],
  // 3/5 against 1/3: +26.67 pp, Newcombe's interval, and 4/15 × 5 × R$ 179,13.
  holdout: {
    control: { abandonments: 3, recovered: 1, rate: 0.3333 },
    treatment: { abandonments: 5, recovered: 3, rate: 0.6 },
    lift: 0.2667,
    liftCi95: [-0.3224, 0.6586],
    incrementalRevenue: 238.84,
  },
};

const NO_ONE = { abandonments: 0, recovered: 0, rate: 0 };

/** What the report answers for a period without abandonments: zeros, and a lift that says nothing. */
export function emptyReport(range: { from: string; to: string }): RecoveryReportView {
  return {
    ...range,
    abandonments: 0,
    contacted: 0,
    replied: 0,
    optedOut: 0,
    recovered: 0,
    recoveredRevenue: 0,
    byKind: {},
    bySource: {},
    byStep: [],
    // No one in either group: no lift, and an interval that says so (the whole of [-1, 1]).
    holdout: { control: NO_ONE, treatment: NO_ONE, lift: 0, liftCi95: [-1, 1], incrementalRevenue: 0 },
  };
}
