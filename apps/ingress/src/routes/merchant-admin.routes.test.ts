import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { openConversation } from '../../../../test/support/conversation-fixture.js';
import { TEST_SECRETS } from '../test-support/ingress-harness.js';
import { useIngressHarness } from '../test-support/use-ingress-harness.js';

const { app, prisma } = useIngressHarness();
const AUTH = `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`;

/** The admin API serves what the console's merchant pages added, from the same routers, behind its bearer token. */
describe('the merchant pages’ routes on the admin API', () => {
  it('answer 401 without the token and work with it, each request on the audit trail under its own name', async () => {
    const { abandonment } = await openConversation(prisma, { phoneNumber: '+5511987654321' });
    const payment = await prisma.payment.create({
      data: { source: 'hotmart', externalId: 'HP-1', amount: 297, paidAt: new Date(), matchStatus: 'unmatched', productId: 'curso' },
    });
    const offer = { productName: 'Curso', paymentLink: 'https://pay.loja.example/curso', faq: [{ question: 'Tem certificado?', answer: 'Sim, digital.' }] };
    const calls = [
      () => request(app).get('/admin/report/daily?from=2026-11-01T00:00:00-03:00&to=2026-11-03T00:00:00-03:00'),
      () => request(app).post('/admin/offers/test').send({ offer, question: 'Tem certificado?' }),
      () => request(app).get('/admin/buyers?q=98765'),
      () => request(app).get(`/admin/payments/${payment.id}/candidates`),
    ];
    for (const call of calls) expect((await call()).status).toBe(401);

    const [daily, test, buyers, candidates] = await Promise.all(calls.map((call) => call().set('Authorization', AUTH)));
    expect(daily!.body.days.map((day: { date: string }) => day.date)).toEqual(['2026-11-01', '2026-11-02']);
    expect(test!.body).toMatchObject({ entry: { index: 0 }, reply: expect.stringContaining('Sim, digital.') });
    expect(buyers!.body.buyers).toMatchObject([{ phone: '+5511987654321' }]);
    expect(candidates!.body.abandonments).toMatchObject([{ id: abandonment.id, matchedBy: 'product' }]);

    const link = () => request(app).post(`/admin/payments/${payment.id}/link`).set('Authorization', AUTH).send({ abandonmentId: abandonment.id });
    expect((await link()).body).toMatchObject({ payment: { matchStatus: 'matched', matchedBy: 'manual' }, thanksMessageId: expect.any(String) });
    expect((await link()).body.error.code).toBe('PAYMENT_ALREADY_MATCHED');

    // A row is started when the answer closes, which may come just after the client read it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await (app.locals.flushAudit as () => Promise<void>)();
    const rows = await prisma.auditEvent.findMany({ where: { actor: 'admin-api-key' } });
    expect(rows.map((row) => [row.action, row.target, row.outcome]).sort()).toEqual(
      [
        ['report.daily', null, 200],
        ['offers.test', null, 200],
        ['buyers.search', null, 200],
        ['payments.candidates', payment.id, 200],
        ['payments.link', payment.id, 200],
        ['payments.link', payment.id, 409],
      ].sort(),
    );
  });
});
