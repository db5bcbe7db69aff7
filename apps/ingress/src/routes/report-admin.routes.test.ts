import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../test-support/ingress-harness.js';
import { abandonment } from '../test-support/report-fixture.js';
import { useIngressHarness } from '../test-support/use-ingress-harness.js';

const { app, prisma } = useIngressHarness();
const AUTH = `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`;
const FROM = '2026-11-01T00:00:00.000Z';
const TO = '2026-11-08T00:00:00.000Z';

const report = (query: string) => request(app).get(`/admin/report${query}`).set('Authorization', AUTH);

describe('GET /admin/report', () => {
  it('counts the funnel, the steps and the holdout of the abandonments created in the period', async () => {
    const day = '2026-11-03T12:00:00.000Z';
    // Sold 2 h in, after step 2 (sent at 1 h): the sale is step 2's.
    await abandonment(prisma, {
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
    await abandonment(prisma, {
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
    await abandonment(prisma, { created: day, kind: 'pix_generated', userOptedOutAfter: 10, steps: [{ step: 1, at: 0, message: 'failed' }] });
    // Replied "parar": closed as opted out, step 2 skipped.
    await abandonment(prisma, {
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
    await abandonment(prisma, {
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
    await abandonment(prisma, { created: day, cohort: 'control', convertedAfter: 300, paid: 297 });
    await abandonment(prisma, { created: day, cohort: 'control', userOptedOutAfter: -60 });
    await abandonment(prisma, { created: day, cohort: 'control', kind: 'pix_generated' });
    // Outside [from, to): just before `from`, and exactly at `to`.
    await abandonment(prisma, { created: '2026-10-31T23:59:59.999Z', convertedAfter: 5, paid: 1000, steps: [{ step: 1, at: 0 }] });
    await abandonment(prisma, { created: TO, convertedAfter: 5, paid: 1000, steps: [{ step: 1, at: 0 }] });

    const response = await report(`?from=${FROM}&to=${TO}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      from: FROM,
      to: TO,
      abandonments: 8,
      contacted: 3,
      replied: 2,
      optedOut: 2,
      recovered: 4,
      recoveredRevenue: 834.4,
      byKind: {
        cart: { abandonments: 5, recovered: 3, recoveredRevenue: 744.5 },
        pix_generated: { abandonments: 2, recovered: 0, recoveredRevenue: 0 },
        boleto_printed: { abandonments: 1, recovered: 1, recoveredRevenue: 89.9 },
      },
      bySource: {
        sara: { abandonments: 6, recovered: 2, recoveredRevenue: 594 },
        hotmart: { abandonments: 2, recovered: 2, recoveredRevenue: 240.4 },
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
    });
  });

  it('counts only matched payments, and reports an empty period as zeros with an unknown lift', async () => {
    const id = await abandonment(prisma, { created: '2026-11-02T10:00:00.000Z', convertedAfter: 20, paid: 100, steps: [{ step: 1, at: 0 }] });
    await prisma.payment.create({
      data: { source: 'sara', externalId: 'pay_report_review', abandonmentId: id, amount: 900, paidAt: new Date(), matchStatus: 'review' },
    });
    const period = await report(`?from=${FROM}&to=${TO}`);
    expect(period.body).toMatchObject({ recovered: 1, recoveredRevenue: 100, byStep: [{ step: 1, sent: 1, recoveredAfter: 1 }] });

    const empty = await report('?from=2026-01-01&to=2026-02-01');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
      abandonments: 0,
      contacted: 0,
      replied: 0,
      optedOut: 0,
      recovered: 0,
      recoveredRevenue: 0,
      byKind: {},
      bySource: {},
      byStep: [],
      holdout: {
        control: { abandonments: 0, recovered: 0, rate: 0 },
        treatment: { abandonments: 0, recovered: 0, rate: 0 },
        lift: 0,
        liftCi95: [-1, 1],
        incrementalRevenue: 0,
      },
    });
  });

  it.each([
    ['from', `?to=${TO}`],
    ['from', `?from=ontem&to=${TO}`],
    ['from', `?from=${FROM}&from=${FROM}&to=${TO}`],
    ['to', `?from=${FROM}`],
    ['to', `?from=${FROM}&to=2026-13-01`],
    ['to', `?from=${FROM}&to=${FROM}`],
    ['to', `?from=${TO}&to=${FROM}`],
    ['to', `?from=2026-01-01T00:00:00Z&to=2027-01-02T00:00:01Z`],
  ])('answers 400 VALIDATION_ERROR naming %s (%s)', async (field, query) => {
    const response = await report(query);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field } });
  });

  it('accepts a whole year of 366 days, and answers 401 without the admin key', async () => {
    expect((await report('?from=2028-01-01T00:00:00Z&to=2029-01-01T00:00:00Z')).status).toBe(200);
    const anonymous = await request(app).get(`/admin/report?from=${FROM}&to=${TO}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHORIZED');
  });
});
