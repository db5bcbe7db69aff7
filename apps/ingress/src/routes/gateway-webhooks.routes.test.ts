import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { QUEUES } from '@sara/jobs';
import { GATEWAYS, type Platform } from '@sara/gateways';
import { ZIngressEnv } from '../env.js';
import { hasHotmartFixtures, loadHotmartFixtures } from '../../../../test/support/hotmart.js';
import { authenticate, postGateway } from '../test-support/gateway-requests.js';
import { createIngressHarness, TEST_SECRETS } from '../test-support/ingress-harness.js';
import { queuedJobs } from '../test-support/requests.js';
import { useIngressHarness } from '../test-support/use-ingress-harness.js';

const harness = useIngressHarness({ env: { SHOPIFY_ABANDONMENT_DELAY_MINUTES: 60, PENDING_PAYMENT_REMINDER_DELAY_MINUTES: 30 } });
const { app, prisma } = harness;

const hotmartCart = (overrides: { id?: string; phone?: string } = {}) => ({
  id: overrides.id ?? '5f9f3a1e-1b7c-4a55-9d0e-3c1f0b2a7e11',
  creation_date: 1_764_000_000_000,
  event: 'PURCHASE_OUT_OF_SHOPPING_CART',
  version: '2.0.0',
  data: {
    buyer: { name: 'Mariana Costa', email: 'Mariana.Costa@example.com', phone: overrides.phone ?? '+55 11 98765-4321' },
    product: { id: 1355458, name: 'Curso de Confeitaria' },
    offer: { code: '0rgmjkb1' },
  },
});

const PLATFORMS = Object.keys(GATEWAYS) as Platform[];

describe('POST /webhook/gateways/{platform}: which platforms answer', () => {
  it('reads every platform’s secret from a variable the ingress env schema declares', () => {
    expect(
      Object.values(GATEWAYS)
        .map((adapter) => adapter.secretEnv)
        .filter((name) => !Object.hasOwn(ZIngressEnv.shape, name)),
    ).toEqual([]);
  });

  it('answers 404 to a platform Sara does not know', async () => {
    const response = await request(app).post('/webhook/gateways/pagseguro').set('Content-Type', 'application/json').send('{}');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 404 to a known platform whose secret is not configured, and stores nothing', async () => {
    const partial = createIngressHarness({ env: { SHOPIFY_WEBHOOK_SECRET: undefined } });
    try {
      const raw = JSON.stringify({ token: 'tok_1', completed_at: null });
      const response = await postGateway(partial.app, 'shopify', raw, authenticate('shopify', raw));
      expect(response.status).toBe(404);
      expect(await prisma.webhookLog.count()).toBe(0);
    } finally {
      await partial.close();
    }
  });
});

// Every registered platform, with the proof its own scheme makes: a new platform is covered
// without an entry here. What a platform does with the event is its own tests' business.
describe.each(PLATFORMS)('%s signature', (platform) => {
  const raw = JSON.stringify({ id: `evt_signature_${platform}`, note: 'a delivery for the signature check' });
  const { sign } = GATEWAYS[platform].verify;
  const tampered = raw.replace(/"(\w)/, '"X$1');
  const signsTheBody = JSON.stringify(sign(raw, 'a-secret-0123')) !== JSON.stringify(sign(tampered, 'a-secret-0123'));

  it('accepts the platform’s own authentication: the delivery is answered and kept', async () => {
    const response = await postGateway(app, platform, raw, authenticate(platform, raw));
    // 200 if the platform reads an event it ignores, 422 if it finds none: past the check either way.
    expect([200, 422], JSON.stringify(response.body)).toContain(response.status);
    expect(await prisma.webhookLog.findFirstOrThrow()).toMatchObject({ source: platform, payload: JSON.parse(raw) });
  });

  it('refuses a missing one with 403 and stores nothing', async () => {
    const response = await postGateway(app, platform, raw, { query: {}, headers: {} });
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({ code: 'HMAC_VERIFICATION_FAILED', details: { platform, reason: 'missing' } });
    expect(await prisma.webhookLog.count()).toBe(0);
  });

  it('refuses one made with another secret', async () => {
    const response = await postGateway(app, platform, raw, authenticate(platform, raw, { secret: 'some-other-secret-999' }));
    expect(response.status).toBe(403);
    expect(response.body.error.details.reason).toBe('mismatch');
    expect(await prisma.webhookLog.count()).toBe(0);
  });

  // A bare token (Hotmart's hottok) signs nothing, so only a signature can be tampered with.
  it.skipIf(!signsTheBody)('refuses a tampered body', async () => {
    const response = await postGateway(app, platform, tampered, authenticate(platform, raw));
    expect(response.status).toBe(403);
    expect(await prisma.webhookLog.count()).toBe(0);
  });
});

describe('Stripe-Signature specifics', () => {
  const raw = JSON.stringify({ id: 'evt_1', type: 'customer.created', created: 1_764_000_000, data: { object: { id: 'cus_1' } } });

  it('refuses a signature older than 300 s as stale', async () => {
    const response = await postGateway(app, 'stripe', raw, authenticate('stripe', raw, { stripeTimestamp: Math.floor(Date.now() / 1000) - 301 }));
    expect(response.status).toBe(403);
    expect(response.body.error.details).toMatchObject({ header: 'Stripe-Signature', reason: 'stale' });
  });

  it('accepts a header with several v1 signatures when one matches (secret rotation)', async () => {
    const good = authenticate('stripe', raw).headers['Stripe-Signature'] as string;
    const [timestamp, v1] = good.split(',');
    const rotated = `${timestamp},v1=${'0'.repeat(64)},${v1}`;
    const response = await postGateway(app, 'stripe', raw, { query: {}, headers: { 'Stripe-Signature': rotated } });
    expect(response.status).toBe(200);
  });
});

describe('what Sara does with an authentic platform event', () => {
  /** Posts an authentic Hotmart delivery of `body`; Hotmart must get a 200 so it stops retrying. */
  async function answered(body: unknown) {
    const raw = JSON.stringify(body);
    const response = await postGateway(app, 'hotmart', raw);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return { raw, answer: response.body };
  }

  it('stores the body as received beside the mapped event, and queues one abandonment job', async () => {
    const { raw, answer } = await answered(hotmartCart());
    expect(answer).toMatchObject({
      status: 'received',
      platform: 'hotmart',
      event: 'PURCHASE_OUT_OF_SHOPPING_CART',
      type: 'abandonment',
      abandonmentId: 'hotmart:5f9f3a1e-1b7c-4a55-9d0e-3c1f0b2a7e11',
    });
    const row = await prisma.webhookLog.findFirstOrThrow();
    expect(row).toMatchObject({ webhookType: 'abandonment', source: 'hotmart', externalId: 'hotmart:5f9f3a1e-1b7c-4a55-9d0e-3c1f0b2a7e11', processed: false });
    expect(row.payload).toEqual(JSON.parse(raw));
    expect(row.event).toMatchObject({ phone: '+5511987654321', email: 'mariana.costa@example.com', productId: '1355458', kind: 'cart', source: 'hotmart' });
    const [job] = await queuedJobs(harness.redis, harness.prefix, QUEUES.abandonment);
    expect(job?.id).toBe(row.id);
    expect(job?.data.payload).toEqual(row.event);
    expect(job?.data.conversationId).toBe(answer.conversationId);
  });

  it('answers a redelivery as already processed, without a second row or job', async () => {
    const raw = JSON.stringify(hotmartCart());
    await postGateway(app, 'hotmart', raw);
    const again = await postGateway(app, 'hotmart', raw);
    expect(again.body.status).toBe('already_processed');
    expect(await prisma.webhookLog.count()).toBe(1);
    expect(await queuedJobs(harness.redis, harness.prefix, QUEUES.abandonment)).toHaveLength(1);
  });

  it('refuses a payment that names no buyer to match it by', async () => {
    const raw = JSON.stringify({
      id: 'evt_nobuyer',
      type: 'checkout.session.completed',
      created: 1_764_000_000,
      data: { object: { id: 'cs_test_nobuyer', payment_status: 'paid', amount_total: 9_700, currency: 'brl', customer_details: null } },
    });
    const response = await postGateway(app, 'stripe', raw);
    expect(response.status).toBe(422);
    expect(response.body.error.details.reason).toBe('names no abandonment and no buyer to match by');
  });

  it('stores and answers an event it does not act on, without queueing it', async () => {
    const { answer } = await answered({ ...hotmartCart(), event: 'PURCHASE_REFUNDED' });
    expect(answer).toMatchObject({
      status: 'ignored',
      platform: 'hotmart',
      event: 'PURCHASE_REFUNDED',
      reason: 'PURCHASE_REFUNDED is not an event Sara acts on',
    });
    expect(await prisma.webhookLog.findFirstOrThrow()).toMatchObject({ webhookType: 'ignored', processed: true });
    expect(await queuedJobs(harness.redis, harness.prefix, QUEUES.abandonment)).toHaveLength(0);
  });

  it.each([
    ['an impossible phone', '+55 11 94008-e980', 'contains letters'],
    ['a phone with too few digits', '1234', 'is not a valid phone number'],
  ])('refuses an abandonment with %s with 422 naming the field, and keeps the body', async (_case, phone, reason) => {
    const response = await postGateway(app, 'hotmart', JSON.stringify(hotmartCart({ phone })));
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { platform: 'hotmart', field: 'data.buyer.phone' } });
    expect(response.body.error.details.reason).toContain(reason);
    expect(JSON.stringify(response.body)).not.toContain('94008');
    expect(await prisma.webhookLog.findFirstOrThrow()).toMatchObject({ webhookType: 'rejected', processed: true });
    expect(await queuedJobs(harness.redis, harness.prefix, QUEUES.abandonment)).toHaveLength(0);
  });

  it('delays a Shopify checkout by the configured time and keys a completed one by its checkout', async () => {
    const checkout = {
      token: 'b1946ac92492d2347c6235b4d2611184',
      completed_at: null,
      updated_at: new Date().toISOString(),
      phone: '(21) 99876-5432',
      email: 'joao@example.com',
      abandoned_checkout_url: 'https://loja.example.com/checkouts/b1946/recover',
      total_price: '149.90',
      line_items: [{ product_id: 632910392, title: 'Camiseta' }],
    };
    const open = await postGateway(
      app,
      'shopify',
      JSON.stringify(checkout),
      authenticate('shopify', JSON.stringify(checkout), { shopifyTopic: 'checkouts/create' }),
    );
    expect(open.body).toMatchObject({ status: 'received', type: 'abandonment', abandonmentId: 'shopify:b1946ac92492d2347c6235b4d2611184' });
    const [job] = await queuedJobs(harness.redis, harness.prefix, QUEUES.abandonment);
    expect(await job?.getState()).toBe('delayed');
    expect(job?.opts.delay).toBeGreaterThan(59 * 60_000);

    // Shopify retries a delivery under the same X-Shopify-Webhook-Id: one row, one job.
    const raw = JSON.stringify(checkout);
    const delivery = authenticate('shopify', raw, { shopifyTopic: 'checkouts/create' });
    expect((await postGateway(app, 'shopify', raw, delivery)).body.status).toBe('received');
    expect((await postGateway(app, 'shopify', raw, delivery)).body.status).toBe('already_processed');
    expect(await queuedJobs(harness.redis, harness.prefix, QUEUES.abandonment)).toHaveLength(2);

    const done = JSON.stringify({ ...checkout, completed_at: new Date().toISOString() });
    const completed = await postGateway(app, 'shopify', done, authenticate('shopify', done));
    expect(completed.body).toMatchObject({ status: 'received', type: 'checkout_completed' });
    expect(await prisma.webhookLog.count({ where: { webhookType: 'checkout_completed', externalId: 'shopify:b1946ac92492d2347c6235b4d2611184' } })).toBe(1);
  });
});

describe('GET /admin/payments', () => {
  it('needs the admin token', async () => {
    expect((await request(app).get('/admin/payments')).status).toBe(401);
  });

  it('refuses a status it does not know, naming the parameter', async () => {
    const response = await request(app).get('/admin/payments?status=lost').set('Authorization', `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error.details)).toContain('status');
  });
});

describe.skipIf(!hasHotmartFixtures)('every real Hotmart fixture', () => {
  const fixtures = loadHotmartFixtures();

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s is mapped, or refused with the reason', async (_name, fixture) => {
    const response = await postGateway(app, 'hotmart', fixture.raw);
    const event = fixture.body.event as string;
    const data = fixture.body.data as { buyer: Record<string, string>; purchase?: { transaction: string; price: { value: number } } };
    if (event === 'PURCHASE_OUT_OF_SHOPPING_CART' && !data.buyer.phone) {
      // Nothing to reach the buyer by: answered (so Hotmart stops retrying), kept, not queued.
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ignored', reason: 'data.buyer.phone is missing: the buyer cannot be reached on WhatsApp without it' });
      expect(await prisma.webhookLog.findFirstOrThrow()).toMatchObject({ webhookType: 'ignored', source: 'hotmart' });
      return;
    }
    if (event === 'PURCHASE_OUT_OF_SHOPPING_CART') {
      // The anonymiser left letters in every other cart's phone: refused, naming the field.
      expect(response.status).toBe(422);
      expect(response.body.error.details).toMatchObject({ field: 'data.buyer.phone', event, reason: 'contains letters' });
      expect(await prisma.webhookLog.findFirstOrThrow()).toMatchObject({ webhookType: 'rejected', source: 'hotmart' });
      return;
    }
    // Payments are matched by email when the phone is damaged: accepted.
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'received', type: 'payment', paymentId: `hotmart:${data.purchase?.transaction}` });
    const [job] = await queuedJobs(harness.redis, harness.prefix, QUEUES.payment);
    expect(job?.data.payload).toMatchObject({
      status: 'paid',
      amount: data.purchase?.price.value,
      buyer: { email: data.buyer.email?.toLowerCase() },
      source: 'hotmart',
    });
    expect(job?.data.payload.buyer.phone).toBeUndefined();
  });
});
