import request from 'supertest';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleHarness } from '../test-support/console-harness.js';

const harness = new ConsoleHarness();
afterAll(() => harness.close());
beforeEach(() => harness.reset());

const PERIOD = 'from=2026-11-01T00:00:00-03:00&to=2026-11-08T00:00:00-03:00';
const OFFER = {
  productName: 'Curso de Confeitaria',
  paymentLink: 'https://pay.loja.example/confeitaria',
  faq: [{ question: 'Tem certificado?', answer: 'Sim.' }],
};
const UUID = '00000000-0000-4000-8000-000000000000';

/** One request per admin page, as the page makes it. */
const ADMIN_READS = [
  '/api/offers',
  '/api/sequences',
  '/api/settings',
  '/api/payments?status=unmatched',
  `/api/payments/${UUID}/candidates`,
  '/api/buyers?q=maria',
  '/api/audit',
  '/api/operators',
];
const ADMIN_WRITES: [method: 'put' | 'post' | 'delete', path: string, body?: object][] = [
  ['put', '/api/offers/curso', OFFER],
  ['post', '/api/offers/test', { offer: OFFER, question: 'Tem certificado?' }],
  ['delete', '/api/offers/curso'],
  ['put', '/api/sequences/cart', { steps: [{ delaySeconds: 0, template: 'sara_carrinho_abandonado' }] }],
  ['delete', '/api/sequences/cart'],
  ['put', '/api/settings', { holdoutPercent: 10 }],
  ['post', `/api/payments/${UUID}/link`, { abandonmentId: UUID }],
  ['post', `/api/payments/${UUID}/ignore`, { reason: 'teste' }],
  ['delete', '/api/buyers/+5511987654321'],
];

describe('the merchant pages behind the console session', () => {
  it('list the team for the audit filter, named as the audit names them, without e-mails or hashes', async () => {
    const admin = await harness.signIn('admin');
    const team = await admin.agent.get('/api/operators');
    expect(team.status).toBe(200);
    expect(team.body.operators).toEqual([{ id: admin.operatorId, actor: `operator:${admin.operatorId}`, name: 'Beatriz Admin', role: 'admin' }]);
    expect(JSON.stringify(team.body)).not.toMatch(/@|scrypt/);
  });

  it('answer 401 without a session, on every page', async () => {
    for (const path of [...ADMIN_READS, `/api/report?${PERIOD}`, `/api/report/daily?${PERIOD}`]) {
      const response = await request(harness.app).get(path);
      expect(response.status, path).toBe(401);
      expect(response.body.error.code, path).toBe('UNAUTHORIZED');
    }
    expect((await request(harness.app).put('/api/offers/curso').send(OFFER)).status).toBe(401);
  });

  it('refuse an agent on the admin pages (403, role), but let them read the dashboard', async () => {
    const agent = await harness.signIn('agent');
    for (const path of ADMIN_READS) {
      const response = await agent.agent.get(path);
      expect(response.status, path).toBe(403);
      expect(response.body.error.details, path).toMatchObject({ reason: 'role' });
    }
    for (const [method, path, body] of ADMIN_WRITES) {
      const response = await agent.agent[method](path).set('X-CSRF-Token', agent.csrfToken).send(body);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await agent.agent.get(`/api/report?${PERIOD}`)).status).toBe(200);
    expect((await agent.agent.get(`/api/report/daily?${PERIOD}`)).status).toBe(200);
  });

  it('refuse a mutation without the CSRF token (403, csrf), even from an admin', async () => {
    const admin = await harness.signIn('admin');
    for (const [method, path, body] of ADMIN_WRITES) {
      const response = await admin.agent[method](path).send(body);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.error.details, `${method} ${path}`).toMatchObject({ reason: 'csrf' });
    }
    expect(await harness.prisma.productOffer.count()).toBe(0);
  });

  it('serve an admin every page, the same routers as the admin API', async () => {
    const admin = await harness.signIn('admin');
    for (const path of ADMIN_READS.filter((each) => !each.includes('candidates'))) expect((await admin.agent.get(path)).status, path).toBe(200);
    const saved = await admin.agent.put('/api/offers/curso').set('X-CSRF-Token', admin.csrfToken).send(OFFER);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ productId: 'curso', active: true, faq: OFFER.faq });
    expect((await admin.agent.get('/api/offers')).body).toMatchObject({
      offers: [{ productId: 'curso' }],
      total: 1,
      pagination: { limit: 50, offset: 0, total: 1 },
    });
    expect((await admin.agent.get('/api/sequences')).body.sequences).toHaveLength(5);
    expect((await admin.agent.get('/api/settings')).body).toMatchObject({ timezone: 'America/Sao_Paulo' });
    expect((await admin.agent.get(`/api/report?${PERIOD}`)).body).toMatchObject({ abandonments: 0, holdout: { liftCi95: [-1, 1] } });
    expect((await admin.agent.get(`/api/payments/${UUID}/candidates`)).body.error.code).toBe('PAYMENT_NOT_FOUND');
  });

  it('take an offer of a few hundred kB (100 FAQ entries), past the 64 kB the other routes allow', async () => {
    const admin = await harness.signIn('admin');
    const faq = Array.from({ length: 100 }, (_, index) => ({ question: `Pergunta ${index}?`, answer: 'r'.repeat(1_000) }));
    const saved = await admin.agent
      .put('/api/offers/curso')
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ ...OFFER, faq });
    expect(saved.status).toBe(200);
    expect(saved.body.faq).toHaveLength(100);
  });

  it('answer validation errors in Sara’s format, naming the field in English', async () => {
    const admin = await harness.signIn('admin');
    const put = (path: string, body: object) => admin.agent.put(path).set('X-CSRF-Token', admin.csrfToken).send(body);
    const cases: [Promise<request.Response>, string][] = [
      [put('/api/offers/curso', { ...OFFER, paymentLink: 'http://pay.loja.example' }), 'paymentLink'],
      [put('/api/offers/curso', { ...OFFER, faq: [{ question: 'Tem certificado?', answer: '' }] }), 'faq[0].answer'],
      [
        put('/api/sequences/cart', {
          steps: [
            { delaySeconds: 60, template: 'a' },
            { delaySeconds: 30, template: 'b' },
          ],
        }),
        'steps[1].delaySeconds',
      ],
      [put('/api/settings', { quietHours: { start: '22:00', end: '22:00' } }), 'quietHours'],
      [put('/api/settings', { holdoutPercent: 80 }), 'holdoutPercent'],
    ];
    for (const [call, field] of cases) {
      const response = await call;
      expect(response.status, field).toBe(400);
      expect(response.body.error, field).toMatchObject({ code: 'VALIDATION_ERROR', details: { field }, traceId: expect.any(String) });
    }
  });

  it('audit every mutation as console.<area>.<verb> of the operator, with a product id, kind or `buyer` as target, never a phone', async () => {
    const admin = await harness.signIn('admin');
    const send = (method: 'put' | 'post' | 'delete', path: string, body?: object) => admin.agent[method](path).set('X-CSRF-Token', admin.csrfToken).send(body);
    await send('put', '/api/offers/curso', OFFER);
    await send('delete', '/api/offers/curso');
    await send('put', '/api/sequences/pix_generated', { steps: [{ delaySeconds: 0, template: 'sara_pagamento_pendente' }] });
    await send('put', '/api/settings', { holdoutPercent: 10 });
    await send('delete', '/api/buyers/+5511987654321');
    await admin.agent.get('/api/buyers/+5511987654321');
    await harness.settle();

    const rows = await harness.prisma.auditEvent.findMany({
      where: { action: { startsWith: 'console.' }, NOT: { action: 'console.login' } },
      orderBy: { createdAt: 'asc' },
    });
    expect(rows.map((row) => [row.actor, row.action, row.target, row.outcome])).toEqual([
      [`operator:${admin.operatorId}`, 'console.offers.put', 'curso', 200],
      [`operator:${admin.operatorId}`, 'console.offers.delete', 'curso', 200],
      [`operator:${admin.operatorId}`, 'console.sequences.put', 'pix_generated', 200],
      [`operator:${admin.operatorId}`, 'console.settings.put', null, 200],
      [`operator:${admin.operatorId}`, 'console.buyers.erase', 'buyer', 404],
      [`operator:${admin.operatorId}`, 'console.buyers.export', 'buyer', 404],
    ]);
    expect(JSON.stringify(rows)).not.toContain('987654321');
  });
});
