import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { useListeningIngress } from '../../apps/ingress/src/test-support/listening-ingress.js';
import { emptyReport, REPORT_WEEK, REPORT_WEEK_FIGURES } from '../../apps/ingress/src/test-support/report-week.js';
import { SaraClient } from './client.js';
import { formatReport, points, reportRange } from './report.js';

describe('formatReport', () => {
  it('prints the funnel, the steps, kinds, sources and the lift with its interval', () => {
    // The figures GET /admin/report answers for the seeded week (report-admin.routes.test.ts).
    expect(formatReport(REPORT_WEEK_FIGURES).split('\n')).toEqual([
      'Recovery report · abandonments created 31/10/2026, 21:00 → 07/11/2026, 21:00',
      '',
      'Funnel',
      '  abandonments        8',
      '  contacted           3    37.5 %',
      '  replied             2    25.0 %',
      '  opted out           2    25.0 %',
      '  recovered           4    50.0 %   R$ 834,40',
      '',
      'By step          sent   sales after it',
      '  step 1           5        1',
      '  step 2           2        1',
      '  step 3           0        0',
      '',
      'By kind                           abandonments   recovered   revenue',
      '  cart (Carrinho)                            5           3   R$ 744,50',
      '  pix_generated (Pix gerado)                 2           0   R$ 0,00',
      '  boleto_printed (Boleto gerado)             1           1   R$ 89,90',
      '',
      'By source       abandonments   recovered   revenue',
      '  sara                     6           2   R$ 594,00',
      '  hotmart                  2           2   R$ 240,40',
      '',
      'Holdout (the control group gets no message)',
      '  control     1 of 3 recovered (33.3 %)',
      '  treatment   3 of 5 recovered (60.0 %)',
      '  lift +26.7 pp (95 % CI −32.2 to +65.9) · incremental revenue R$ 238,84',
    ]);
  });

  it('says the lift is unknown without a control group, and prints an empty period', () => {
    const empty = emptyReport(REPORT_WEEK);
    const text = formatReport(empty);
    expect(text).toContain('  contacted           0         –');
    expect(text).toContain('  no follow-up steps in this period');
    expect(text).toContain('By kind\n  none');
    expect(text).toContain('  lift unknown: a group is empty in this period (holdoutPercent 0 puts everyone in treatment)');
    expect(text).not.toContain('95 % CI');
  });

  it('signs percentage points with a true minus and never prints −0.0', () => {
    expect([0.042, -0.01, 0, -0.0004, 0.2667, -1].map(points)).toEqual(['+4.2', '−1.0', '0.0', '0.0', '+26.7', '−100.0']);
  });
});

describe('reportRange', () => {
  const now = new Date('2026-12-03T15:00:00.000Z');

  it('defaults to the 30 days before now, or before --to', () => {
    expect(reportRange({}, now)).toEqual({ from: '2026-11-03T15:00:00.000Z', to: '2026-12-03T15:00:00.000Z' });
    expect(reportRange({ to: '2026-11-30T23:59:59-03:00' }, now)).toEqual({ from: '2026-11-01T02:59:59.000Z', to: '2026-12-01T02:59:59.000Z' });
    expect(reportRange({ from: '2026-11-01T00:00:00-03:00', to: '2026-12-01T00:00:00-03:00' }, now)).toEqual({
      from: '2026-11-01T03:00:00.000Z',
      to: '2026-12-01T03:00:00.000Z',
    });
  });

  it('names the flag to fix', () => {
    expect(reportRange({ from: 'ontem' }, now)).toEqual({ problem: expect.stringMatching(/^--from must be an ISO 8601 date/) });
    expect(reportRange({ to: '31/11/2026' }, now)).toEqual({ problem: expect.stringMatching(/^--to must be an ISO 8601 date/) });
    expect(reportRange({ from: '2026-12-01', to: '2026-11-01' }, now)).toEqual({ problem: '--from must be earlier than --to' });
  });
});

describe('SaraClient.report against a real listening ingress', () => {
  const ingress = useListeningIngress();
  const client = () => new SaraClient({ url: ingress.url, adminKey: TEST_SECRETS.ADMIN_API_KEY });

  // A period long before any test's rows, so the shared database's other tests do not change it.
  it('reads the report of a period through the admin API', async () => {
    const report = await client().report({ from: '2001-01-01T00:00:00.000Z', to: '2001-02-01T00:00:00.000Z' });
    expect(report).toMatchObject({ from: '2001-01-01T00:00:00.000Z', to: '2001-02-01T00:00:00.000Z', abandonments: 0, byStep: [], holdout: { lift: 0 } });
    expect(formatReport(report)).toContain('Recovery report · abandonments created 31/12/2000, 22:00 → 31/01/2001, 22:00');
  });

  it("explains the API's refusal of a period, naming the field", async () => {
    await expect(client().report({ from: '2001-01-01T00:00:00Z', to: '2003-01-01T00:00:00Z' })).rejects.toThrow(
      'Sara rejected the period: to must be at most 366 days after from',
    );
  });
});
