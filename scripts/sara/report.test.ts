import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecoveryReportView } from '@sara/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngressHarness, TEST_SECRETS, type IngressHarness } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { SaraClient } from './client.js';
import { formatReport, points, reportRange } from './report.js';

const REPORT: RecoveryReportView = {
  from: '2026-11-01T03:00:00.000Z',
  to: '2026-12-01T03:00:00.000Z',
  abandonments: 8,
  contacted: 3,
  replied: 2,
  optedOut: 1,
  recovered: 4,
  recoveredRevenue: 834.4,
  byKind: {
    cart: { abandonments: 6, recovered: 3, recoveredRevenue: 744.5 },
    boleto_printed: { abandonments: 2, recovered: 1, recoveredRevenue: 89.9 },
  },
  bySource: { sara: { abandonments: 6, recovered: 2, recoveredRevenue: 594 }, hotmart: { abandonments: 2, recovered: 2, recoveredRevenue: 240.4 } },
  byStep: [
    { step: 1, sent: 5, recoveredAfter: 1 },
    { step: 2, sent: 2, recoveredAfter: 1 },
  ],
  holdout: {
    control: { abandonments: 3, recovered: 1, rate: 0.3333 },
    treatment: { abandonments: 5, recovered: 3, rate: 0.6 },
    lift: 0.042,
    liftCi95: [-0.01, 0.094],
    incrementalRevenue: 238.84,
  },
};

describe('formatReport', () => {
  it('prints the funnel, the steps, kinds, sources and the lift with its interval', () => {
    expect(formatReport(REPORT).split('\n')).toEqual([
      'Recovery report · abandonments created 01/11/2026, 00:00 → 01/12/2026, 00:00',
      '',
      'Funnel',
      '  abandonments        8',
      '  contacted           3    37.5 %',
      '  replied             2    25.0 %',
      '  opted out           1    12.5 %',
      '  recovered           4    50.0 %   R$ 834,40',
      '',
      'By step          sent   sales after it',
      '  step 1           5        1',
      '  step 2           2        1',
      '',
      'By kind                           abandonments   recovered   revenue',
      '  cart (Carrinho)                            6           3   R$ 744,50',
      '  boleto_printed (Boleto gerado)             2           1   R$ 89,90',
      '',
      'By source       abandonments   recovered   revenue',
      '  sara                     6           2   R$ 594,00',
      '  hotmart                  2           2   R$ 240,40',
      '',
      'Holdout (the control group gets no message)',
      '  control     1 of 3 recovered (33.3 %)',
      '  treatment   3 of 5 recovered (60.0 %)',
      '  lift +4.2 pp (95 % CI −1.0 to +9.4) · incremental revenue R$ 238,84',
    ]);
  });

  it('says the lift is unknown without a control group, and prints an empty period', () => {
    const empty: RecoveryReportView = {
      ...REPORT,
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
    };
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
  let harness: IngressHarness;
  let server: Server;
  let client: SaraClient;

  beforeAll(async () => {
    harness = createIngressHarness();
    server = harness.app.listen(0);
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new SaraClient({ url, adminKey: TEST_SECRETS.ADMIN_API_KEY });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await harness.close();
  });

  // A period long before any test's rows, so the shared database's other tests do not change it.
  it('reads the report of a period through the admin API', async () => {
    const report = await client.report({ from: '2001-01-01T00:00:00.000Z', to: '2001-02-01T00:00:00.000Z' });
    expect(report).toMatchObject({ from: '2001-01-01T00:00:00.000Z', to: '2001-02-01T00:00:00.000Z', abandonments: 0, byStep: [], holdout: { lift: 0 } });
    expect(formatReport(report)).toContain('Recovery report · abandonments created 31/12/2000, 22:00 → 31/01/2001, 22:00');
  });

  it("explains the API's refusal of a period, naming the field", async () => {
    await expect(client.report({ from: '2001-01-01T00:00:00Z', to: '2003-01-01T00:00:00Z' })).rejects.toThrow(
      'Sara rejected the period: to must be at most 366 days after from',
    );
  });
});
