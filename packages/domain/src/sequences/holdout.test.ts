import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cohortOf, holdoutReport, wilsonInterval, type CohortCounts } from './holdout.js';

/**
 * Random-looking v4 uuids from a fixed seed (mulberry32): the proportion test sees ids shaped
 * like real ones, yet gives the same answer on every run instead of failing now and then.
 */
function seededUuids(count: number, seed = 20_260_101): string[] {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
  };
  return Array.from({ length: count }, () => {
    const hex = next() + next() + next() + next();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  });
}

describe('cohortOf', () => {
  it('gives one id the same cohort every time', () => {
    const id = '3f1b6c2e-8d4a-4f7e-9b1c-0a2d5e6f7a8b';
    const first = cohortOf(id, 25);
    for (let i = 0; i < 100; i += 1) expect(cohortOf(id, 25)).toBe(first);
  });

  it('follows sha256: the first 8 hex digits modulo 10 000 against basis points', () => {
    // sha256("abandonment-1") starts 73f45b1f → 1 945 393 951 → bucket 3 951.
    expect(cohortOf('abandonment-1', 39.52)).toBe('control');
    expect(cohortOf('abandonment-1', 39.51)).toBe('treatment');
    expect(cohortOf('abandonment-1', 20)).toBe('treatment');
    // sha256("abandonment-2") starts 6ee262e7 → 1 860 330 215 → bucket 215.
    expect(cohortOf('abandonment-2', 2.16)).toBe('control');
    expect(cohortOf('abandonment-2', 2.15)).toBe('treatment');
    // sha256("abandonment-8") starts 214c9d7e → 558 669 182 → bucket 9 182: treatment even at 50 %.
    expect(cohortOf('abandonment-8', 50)).toBe('treatment');
  });

  it('puts everyone in treatment at 0 %', () => {
    for (let i = 0; i < 1000; i += 1) expect(cohortOf(randomUUID(), 0)).toBe('treatment');
  });

  it.each([
    [20, 0.19, 0.21],
    [50, 0.49, 0.51],
    [5, 0.045, 0.055],
  ])('holds out about %i %% of 10 000 uuids', (percent, low, high) => {
    let control = 0;
    for (const id of seededUuids(10_000)) if (cohortOf(id, percent) === 'control') control += 1;
    expect(control / 10_000).toBeGreaterThanOrEqual(low);
    expect(control / 10_000).toBeLessThanOrEqual(high);
  });

  it('keeps a control id in control when the percent grows', () => {
    const ids = Array.from({ length: 2000 }, () => randomUUID());
    const at10 = ids.filter((id) => cohortOf(id, 10) === 'control');
    expect(at10.every((id) => cohortOf(id, 30) === 'control')).toBe(true);
  });

  it.each([-1, 50.01, 100, Number.NaN, Number.POSITIVE_INFINITY])('refuses a holdout of %d %%', (percent) => {
    expect(() => cohortOf('abandonment-1', percent)).toThrow(/holdoutPercent must be between 0 and 50/);
  });

  it('refuses an empty id rather than put every such row in one cohort', () => {
    expect(() => cohortOf('', 10)).toThrow(/abandonment id/);
  });
});

const counts = (abandonments: number, recovered: number, revenue = 0): CohortCounts => ({ abandonments, recovered, revenue });
const NO_ONE = { abandonments: 0, recovered: 0, rate: 0 };
/** What the report says when a group is empty: no lift, and an interval as wide as it gets. */
const NO_COMPARISON = { lift: 0, liftCi95: [-1, 1], incrementalRevenue: 0 };

describe('wilsonInterval', () => {
  // Newcombe, "Two-sided confidence intervals for the single proportion", Stat Med 1998;17:857, Table I.
  it("matches Newcombe's published single-proportion examples", () => {
    expect(wilsonInterval(81, 263).map((v) => v.toFixed(4))).toEqual(['0.2553', '0.3662']);
    expect(wilsonInterval(15, 148).map((v) => v.toFixed(4))).toEqual(['0.0624', '0.1605']);
    expect(wilsonInterval(0, 20).map((v) => v.toFixed(4))).toEqual(['0.0000', '0.1611']);
    expect(wilsonInterval(1, 29).map((v) => v.toFixed(4))).toEqual(['0.0061', '0.1718']);
  });
});

describe('holdoutReport', () => {
  // Newcombe, "Interval estimation for the difference between independent proportions: comparison
  // of eleven methods", Stat Med 1998;17:873. Its first example: 56/70 vs 48/80.
  it("reproduces Newcombe's worked example: 56/70 vs 48/80", () => {
    const report = holdoutReport({ treatment: counts(70, 56, 5600), control: counts(80, 48, 9000) });
    expect(report).toEqual({
      control: { abandonments: 80, recovered: 48, rate: 0.6 },
      treatment: { abandonments: 70, recovered: 56, rate: 0.8 },
      lift: 0.2,
      liftCi95: [0.0524, 0.3339],
      // 0.2 × 70 abandonments × R$ 100 per recovered order: 14 extra orders.
      incrementalRevenue: 1400,
    });
  });

  it.each([
    // The same paper's Table II, method 10: [treatment x, n, control x, n, lower, upper].
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%i/%i vs %i/%i has a 95 %% interval of [%d, %d]', (x1, n1, x2, n2, lower, upper) => {
    expect(holdoutReport({ treatment: counts(n1, x1), control: counts(n2, x2) }).liftCi95).toEqual([lower, upper]);
  });

  it('reports a negative lift and the revenue it cost', () => {
    const report = holdoutReport({ treatment: counts(200, 20, 2000.5), control: counts(100, 15, 1500) });
    expect(report.lift).toBe(-0.05);
    expect(report.liftCi95[0]).toBeLessThan(-0.05);
    expect(report.liftCi95[1]).toBeGreaterThan(0);
    // −0.05 × 200 × (2000.50 / 20) = −1000.25
    expect(report.incrementalRevenue).toBe(-1000.25);
  });

  it('rounds rates to 4 decimals and money to cents', () => {
    const report = holdoutReport({ treatment: counts(3, 1, 100), control: counts(7, 1, 50) });
    expect(report.treatment.rate).toBe(0.3333);
    expect(report.control.rate).toBe(0.1429);
    expect(report.lift).toBe(0.1905); // 1/3 − 1/7 = 0.190476…
    // 0.190476… × 3 × 100 = 57.142857…
    expect(report.incrementalRevenue).toBe(57.14);
  });

  it('compares nothing without a control group (holdout 0 %)', () => {
    expect(holdoutReport({ treatment: counts(120, 30, 4500), control: counts(0, 0) })).toEqual({
      control: NO_ONE,
      treatment: { abandonments: 120, recovered: 30, rate: 0.25 },
      ...NO_COMPARISON,
    });
  });

  it('compares nothing without a treatment group or without any abandonment', () => {
    const noTreatment = holdoutReport({ treatment: counts(0, 0), control: counts(10, 2, 300) });
    expect(noTreatment).toMatchObject({ ...NO_COMPARISON, control: { rate: 0.2 } });
    const empty = holdoutReport({ treatment: counts(0, 0), control: counts(0, 0) });
    expect(empty).toEqual({ control: NO_ONE, treatment: NO_ONE, ...NO_COMPARISON });
  });

  it('prices no recoveries at nothing when the treatment recovered none', () => {
    const report = holdoutReport({ treatment: counts(50, 0), control: counts(50, 5, 500) });
    expect(report.lift).toBe(-0.1);
    expect(report.incrementalRevenue).toBe(0);
    expect(Object.is(report.treatment.rate, 0)).toBe(true);
  });

  it('never shows -0 or NaN', () => {
    const report = holdoutReport({ treatment: counts(10, 0), control: counts(10, 0) });
    expect(Object.is(report.lift, 0)).toBe(true);
    expect(Object.is(report.incrementalRevenue, 0)).toBe(true);
    expect(report.liftCi95).toEqual([-0.2775, 0.2775]);
  });

  it.each([
    [{ treatment: counts(5, 6), control: counts(5, 1) }, /treatment\.recovered must be a whole number from 0 to treatment\.abandonments \(5\), got 6/],
    [{ treatment: counts(5, 1), control: counts(-1, 0) }, /control\.abandonments must be a whole number ≥ 0, got -1/],
    [{ treatment: counts(5.5, 1), control: counts(5, 1) }, /treatment\.abandonments/],
    [{ treatment: counts(5, 1, Number.NaN), control: counts(5, 1) }, /treatment\.revenue must be a finite amount ≥ 0, got NaN/],
  ])('refuses impossible counts, naming the field (%#)', (groups, message) => {
    expect(() => holdoutReport(groups)).toThrow(message);
  });
});
