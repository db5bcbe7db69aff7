import { createHash } from 'node:crypto';

export type Cohort = 'control' | 'treatment';

/** The most an installation may hold out: past half, the messages would be the experiment. */
export const MAX_HOLDOUT_PERCENT = 50;

const BUCKETS = 10_000;

/**
 * The cohort of an abandonment, decided by its id alone so every replica, retry and report agrees
 * without storing a random draw first: the first 8 hex digits of sha256(id) as a number, modulo
 * 10 000, against the percent in basis points (so 12.5 % is exact). 2^32 is not a multiple of
 * 10 000, which favours the low buckets by under 0.0003 % — far below any effect we measure.
 * 0 % puts everyone in treatment.
 */
export function cohortOf(abandonmentId: string, holdoutPercent: number): Cohort {
  if (abandonmentId === '') throw new RangeError('an abandonment id is needed to assign a cohort');
  if (!Number.isFinite(holdoutPercent) || holdoutPercent < 0 || holdoutPercent > MAX_HOLDOUT_PERCENT) {
    throw new RangeError(`holdoutPercent must be between 0 and ${MAX_HOLDOUT_PERCENT}, got ${holdoutPercent}`);
  }
  const bucket = Number.parseInt(createHash('sha256').update(abandonmentId).digest('hex').slice(0, 8), 16) % BUCKETS;
  return bucket < Math.round(holdoutPercent * 100) ? 'control' : 'treatment';
}

export type CohortCounts = { abandonments: number; recovered: number; revenue: number };
export type CohortRate = { abandonments: number; recovered: number; rate: number };
export type HoldoutReport = {
  control: CohortRate;
  treatment: CohortRate;
  lift: number;
  liftCi95: [number, number];
  incrementalRevenue: number;
};

/** z for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * What the messages caused, measured against the control group that got none.
 *
 * - `rate` = recovered / abandonments, 0 for a group with no abandonments.
 * - `lift` = treatment rate − control rate: an absolute difference of proportions as a fraction
 *   (0.05 = five percentage points more recovered), not a relative ratio.
 * - `liftCi95` is Newcombe's hybrid score interval (1998, method 10): a Wilson score interval
 *   per group, combined — unlike the textbook Wald interval it stays inside [−1, 1] and keeps
 *   its coverage with small counts and rates near 0 or 1, which is what a shop's holdout has.
 * - `incrementalRevenue` = lift × treatment abandonments × the treatment's average recovered
 *   order: the recoveries the messages added, at what a recovered order is worth. 0 when the
 *   treatment recovered nothing (no order value to price them at); negative when the control
 *   did better.
 *
 * With either group empty (holdout 0 %, or a period with no control yet) nothing is compared:
 * lift 0, the widest interval [−1, 1] to say "unknown", incremental revenue 0 — never a figure
 * that credits the messages with every sale. Rates, lift and bounds are rounded to 4 decimals,
 * money to cents.
 */
export function holdoutReport(groups: { control: CohortCounts; treatment: CohortCounts }): HoldoutReport {
  const control = checkCounts('control', groups.control);
  const treatment = checkCounts('treatment', groups.treatment);
  const controlRate = rateOf(control);
  const treatmentRate = rateOf(treatment);
  const summary = {
    control: { abandonments: control.abandonments, recovered: control.recovered, rate: round(controlRate, 4) },
    treatment: { abandonments: treatment.abandonments, recovered: treatment.recovered, rate: round(treatmentRate, 4) },
  };
  if (control.abandonments === 0 || treatment.abandonments === 0) return { ...summary, lift: 0, liftCi95: [-1, 1], incrementalRevenue: 0 };

  const lift = treatmentRate - controlRate;
  const [lo, hi] = newcombeInterval(treatment, control);
  const averageOrder = treatment.recovered === 0 ? 0 : treatment.revenue / treatment.recovered;
  return {
    ...summary,
    lift: round(lift, 4),
    liftCi95: [round(lo, 4), round(hi, 4)],
    incrementalRevenue: round(lift * treatment.abandonments * averageOrder, 2),
  };
}

function checkCounts(name: string, counts: CohortCounts): CohortCounts {
  const { abandonments, recovered, revenue } = counts;
  if (!Number.isSafeInteger(abandonments) || abandonments < 0) throw new RangeError(`${name}.abandonments must be a whole number ≥ 0, got ${abandonments}`);
  if (!Number.isSafeInteger(recovered) || recovered < 0 || recovered > abandonments) {
    throw new RangeError(`${name}.recovered must be a whole number from 0 to ${name}.abandonments (${abandonments}), got ${recovered}`);
  }
  if (!Number.isFinite(revenue) || revenue < 0) throw new RangeError(`${name}.revenue must be a finite amount ≥ 0, got ${revenue}`);
  return counts;
}

function rateOf(counts: CohortCounts): number {
  return counts.abandonments === 0 ? 0 : counts.recovered / counts.abandonments;
}

/** Wilson's score interval for x successes in n > 0 trials (Newcombe's method 3). */
export function wilsonInterval(x: number, n: number, z = Z95): [number, number] {
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / (n + z2);
  // Clamped: at x = 0 or x = n rounding can push a bound a hair past 0 or 1.
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Newcombe's method 10 for p1 − p2, each group with at least one trial. */
function newcombeInterval(first: CohortCounts, second: CohortCounts): [number, number] {
  const p1 = first.recovered / first.abandonments;
  const p2 = second.recovered / second.abandonments;
  const [l1, u1] = wilsonInterval(first.recovered, first.abandonments);
  const [l2, u2] = wilsonInterval(second.recovered, second.abandonments);
  const difference = p1 - p2;
  const lower = difference - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const upper = difference + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  return [Math.max(-1, lower), Math.min(1, upper)];
}

/** Half away from zero, with -0 turned into 0 so a report never shows "-0". */
function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor * (1 + Number.EPSILON))) / factor;
  return rounded === 0 ? 0 : rounded;
}
