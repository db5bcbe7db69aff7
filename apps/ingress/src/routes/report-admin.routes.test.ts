import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../test-support/ingress-harness.js';
import { abandonment } from '../test-support/report-fixture.js';
import { emptyReport, REPORT_WEEK, REPORT_WEEK_FIGURES, seedReportWeek } from '../test-support/report-week.js';
import { useIngressHarness } from '../test-support/use-ingress-harness.js';

const { app, prisma } = useIngressHarness();
const AUTH = `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`;
const { from: FROM, to: TO } = REPORT_WEEK;

const report = (query: string) => request(app).get(`/admin/report${query}`).set('Authorization', AUTH);

describe('GET /admin/report', () => {
  it('counts the funnel, the steps and the holdout of the abandonments created in the period', async () => {
    // Each abandonment of the week says which rule it exercises (report-week.ts).
    await seedReportWeek(prisma);
    const response = await report(`?from=${FROM}&to=${TO}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(REPORT_WEEK_FIGURES);
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
    expect(empty.body).toEqual(emptyReport({ from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }));
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
