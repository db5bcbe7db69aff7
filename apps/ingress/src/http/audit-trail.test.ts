import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../test-support/ingress-harness.js';
import { useIngressHarness } from '../test-support/use-ingress-harness.js';
import { describeAdminAction } from './audit-trail.js';

const { app, prisma } = useIngressHarness();
const AUTH = `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`;
const PHONE = '+5511987654321';
const CONVERSATION = '0b8a3f2e-6a43-4d8e-9a8b-2f4a1c9d7e10';

async function trail() {
  await (app.locals.flushAudit as () => Promise<void>)();
  return prisma.auditEvent.findMany({ orderBy: { createdAt: 'asc' } });
}

describe('the audit trail', () => {
  // One request of each admin route family, with the action, target and status it must leave.
  it.each([
    ['GET', `/conversations/${CONVERSATION}`, undefined, 'conversations.get', CONVERSATION, 404],
    ['POST', `/conversations/${CONVERSATION}/close`, {}, 'conversations.close', CONVERSATION, 404],
    ['GET', '/sandbox/messages', undefined, 'sandbox.list', null, 200],
    ['GET', '/admin/queues/whatsapp-outbound/failed', undefined, 'queues.failed.list', 'whatsapp-outbound', 200],
    ['POST', '/admin/queues/payment-received/failed/retry', undefined, 'queues.failed.retry_all', 'payment-received', 200],
    ['POST', '/admin/queues/payment-received/failed/j1/retry', undefined, 'queues.failed.retry', 'payment-received/j1', 404],
    ['GET', '/admin/payments?status=nope', undefined, 'payments.list', null, 400],
    ['GET', '/admin/offers', undefined, 'offers.list', null, 200],
    ['DELETE', '/admin/offers/p1', undefined, 'offers.delete', 'p1', 404],
    ['PUT', '/admin/sequences/cart', { steps: [{ delaySeconds: 0, template: 'sara_lembrete' }] }, 'sequences.put', 'cart', 200],
    ['DELETE', '/admin/sequences/cart', undefined, 'sequences.delete', 'cart', 200],
    ['PUT', '/admin/settings', { holdoutPercent: 500 }, 'settings.put', null, 400],
    ['GET', '/admin/report?from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z', undefined, 'report.get', null, 200],
    ['GET', '/admin/audit', undefined, 'audit.list', null, 200],
  ] as const)('records %s %s as one row', async (method, path, body, action, target, status) => {
    let call = request(app)[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](path).set('Authorization', AUTH);
    if (body) call = call.send(body);
    const response = await call;
    expect(response.status).toBe(status);
    const rows = await trail();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'admin-api-key', action, target, outcome: status, requestId: response.headers['x-request-id'] });
  });

  it('records a request without a valid key as unknown, with its 401', async () => {
    await request(app).put('/admin/sequences/cart').set('Authorization', 'Bearer wrong-key').send({ steps: [] }).expect(401);
    await request(app).get('/admin/settings').expect(401);
    const rows = await trail();
    expect(rows.map((row) => [row.actor, row.action, row.target, row.outcome])).toEqual([
      ['unknown', 'sequences.put', 'cart', 401],
      ['unknown', 'settings.get', null, 401],
    ]);
  });

  it('stores no phone, token or body, whatever the path or body held', async () => {
    await request(app)
      .get(`/admin/buyers/${encodeURIComponent(PHONE)}`)
      .set('Authorization', AUTH);
    await request(app).delete(`/admin/buyers/${PHONE}`).set('Authorization', AUTH);
    await request(app).get(`/admin/whatever/${PHONE}`).set('Authorization', AUTH);
    await request(app).put('/admin/offers/p1').set('Authorization', AUTH).send({ productName: PHONE, paymentLink: 'https://pay.example.com/x' });
    const rows = await trail();
    expect(rows.map((row) => [row.action, row.target])).toEqual([
      ['buyers.export', 'buyer'],
      ['buyers.erase', 'buyer'],
      ['unknown', null],
      ['offers.put', 'p1'],
    ]);
    const stored = JSON.stringify(rows);
    for (const secret of [PHONE, '5511987654321', TEST_SECRETS.ADMIN_API_KEY, 'pay.example.com']) expect(stored).not.toContain(secret);
  });

  it('is refused an UPDATE or a DELETE by the database', async () => {
    await request(app).get('/admin/settings').set('Authorization', AUTH).expect(200);
    const [row] = await trail();
    await expect(prisma.$executeRaw`UPDATE audit_events SET actor = 'someone-else'`).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRaw`DELETE FROM audit_events`).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.update({ where: { id: row!.id }, data: { outcome: 200 } })).rejects.toThrow();
    expect(await prisma.auditEvent.findMany()).toEqual([row]);
  });
});

describe('GET /admin/audit', () => {
  it('pages newest first and filters by action', async () => {
    for (const kind of ['cart', 'pix_generated', 'pix_expired']) await request(app).delete(`/admin/sequences/${kind}`).set('Authorization', AUTH).expect(200);
    await request(app).get('/admin/settings').set('Authorization', AUTH).expect(200);
    await trail();
    const page = await request(app).get('/admin/audit?action=sequences.delete&limit=2&offset=0').set('Authorization', AUTH).expect(200);
    expect(page.body.pagination).toEqual({ limit: 2, offset: 0, total: 3 });
    expect(page.body.events.map((event: { target: string }) => event.target)).toEqual(['pix_expired', 'pix_generated']);
    const rest = await request(app).get('/admin/audit?action=sequences.delete&limit=2&offset=2').set('Authorization', AUTH).expect(200);
    expect(rest.body.events.map((event: { target: string }) => event.target)).toEqual(['cart']);
  });

  it.each(['limit=1&limit=2', 'offset=-1', 'limit=501', 'action=DROP%20TABLE'])('answers 400 to ?%s', async (query) => {
    const response = await request(app).get(`/admin/audit?${query}`).set('Authorization', AUTH);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('requires the admin token', async () => {
    await request(app).get('/admin/audit').expect(401);
  });
});

describe('describeAdminAction', () => {
  it('ignores a trailing slash and names an unknown path without its segments', () => {
    expect(describeAdminAction('PUT', '/admin/sequences/cart/')).toEqual({ action: 'sequences.put', target: 'cart' });
    expect(describeAdminAction('PATCH', '/admin/sequences/cart')).toEqual({ action: 'unknown', target: null });
  });
});
