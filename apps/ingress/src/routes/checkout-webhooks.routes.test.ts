import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { QUEUES } from '@sara/jobs';
import { waitFor } from '../../../../test/support/wait-for.js';
import { TEST_SECRETS } from '../test-support/ingress-harness.js';
import { abandonmentBody, postSigned, queuedJobs, sign } from '../test-support/requests.js';
import { useIngressHarness } from '../test-support/use-ingress-harness.js';

const harness = useIngressHarness();
const { app, prisma } = harness;
const SECRET = TEST_SECRETS.PAYMENT_WEBHOOK_SECRET;

describe('POST /webhook/abandonment signature', () => {
  const raw = JSON.stringify(abandonmentBody());
  const cases: [string, Record<string, string>][] = [
    ['missing', {}],
    ['malformed', { 'X-Hub-Signature-256': 'not-a-signature' }],
    ['without the sha256= prefix', { 'X-Hub-Signature-256': sign(SECRET, raw).slice('sha256='.length) }],
    ['of the wrong length', { 'X-Hub-Signature-256': sign(SECRET, raw).slice(0, -2) }],
    ['made with another secret', { 'X-Hub-Signature-256': sign('another-secret-123', raw) }],
    ['of other bytes', { 'X-Hub-Signature-256': sign(SECRET, `${raw} `) }],
  ];

  it.each(cases)('rejects a signature that is %s with 403 and writes nothing', async (_name, headers) => {
    const response = await request(app).post('/webhook/abandonment').set('Content-Type', 'application/json').set(headers).send(raw);
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({ code: 'HMAC_VERIFICATION_FAILED' });
    expect(response.body.error.traceId).toBe(response.headers['x-request-id']);
    expect(await prisma.webhookLog.count()).toBe(0);
  });

  it('checks the signature before parsing: a badly signed non-JSON body is 403, not 400', async () => {
    const response = await request(app).post('/webhook/abandonment').set('X-Hub-Signature-256', sign('nope-nope', 'x')).send('{oops');
    expect(response.status).toBe(403);
  });
});

describe('POST /webhook/abandonment', () => {
  it('queues only the validated fields: a sender cannot set what platform events carry', async () => {
    const body = { ...abandonmentBody(), source: 'hotmart', kind: 'pix_expired', notBefore: '2099-01-01T00:00:00Z', extra: 'x' };
    await postSigned(app, '/webhook/abandonment', JSON.stringify(body), SECRET);
    const [job] = await queuedJobs(harness.redis, harness.prefix);
    expect(Object.keys(job?.data.payload ?? {}).sort()).toEqual(['abandonmentId', 'name', 'paymentLink', 'phone', 'productId', 'timestamp', 'userId', 'value']);
    expect(await job?.getState()).toBe('waiting');
    expect((await prisma.webhookLog.findFirstOrThrow()).payload).toEqual(body);
  });

  it('stores the event, enqueues one job keyed by the log row and allocates the conversation id', async () => {
    const body = abandonmentBody();
    const response = await postSigned(app, '/webhook/abandonment', JSON.stringify(body), SECRET, { 'X-Request-Id': 'req-abc-1' });

    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('req-abc-1');
    expect(response.body).toEqual({ status: 'received', abandonmentId: body.abandonmentId, conversationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const rows = await prisma.webhookLog.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      webhookType: 'abandonment',
      externalId: body.abandonmentId,
      signatureVerified: true,
      processed: false,
      requestId: 'req-abc-1',
      conversationId: response.body.conversationId,
      payload: body,
    });
    await waitFor(async () => (await prisma.webhookLog.findFirstOrThrow()).enqueuedAt !== null);

    const jobs = await queuedJobs(harness.redis, harness.prefix);
    expect(jobs.map((job) => job.id)).toEqual([rows[0]?.id]);
    expect(jobs[0]?.data).toMatchObject({ webhookLogId: rows[0]?.id, requestId: 'req-abc-1', conversationId: response.body.conversationId, payload: body });
  });

  it('answers a redelivery already_processed with the same conversation id and enqueues nothing', async () => {
    const raw = JSON.stringify(abandonmentBody());
    const first = await postSigned(app, '/webhook/abandonment', raw, SECRET);
    const second = await postSigned(app, '/webhook/abandonment', raw, SECRET);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ ...first.body, status: 'already_processed' });
    expect(await prisma.webhookLog.count()).toBe(1);
    expect(await queuedJobs(harness.redis, harness.prefix)).toHaveLength(1);
  });

  it('settles 20 concurrent identical deliveries into one row and one job', async () => {
    const raw = JSON.stringify(abandonmentBody());
    const responses = await Promise.all(Array.from({ length: 20 }, () => postSigned(app, '/webhook/abandonment', raw, SECRET)));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(responses.filter((response) => response.body.status === 'received')).toHaveLength(1);
    expect(new Set(responses.map((response) => response.body.conversationId)).size).toBe(1);
    expect(await prisma.webhookLog.count()).toBe(1);
    expect(await queuedJobs(harness.redis, harness.prefix)).toHaveLength(1);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['a phone without the plus sign', { phone: '11987654321' }, 'phone'],
    ['a phone with letters', { phone: '+551198765x4321' }, 'phone'],
    ['an impossible phone (country code only, then zeros)', { phone: '+5500000000000' }, 'phone'],
    ['a Brazilian mobile without the ninth digit rule (unused range)', { phone: '+5511887654321' }, 'phone'],
    ['a phone in no country', { phone: '+99912345678' }, 'phone'],
    ['a name of zero-width characters only', { name: '\u200b\u200c\u200d\ufeff' }, 'name'],
    ['a name of C1 control characters only', { name: '\u007f\u0085\u009f' }, 'name'],
    ['a name of format marks and spaces only', { name: '\u202e \u2060 \u00ad' }, 'name'],
    ['a name with a C1 control character', { name: 'Ana\u0085Paula' }, 'name'],
    ['a zero value', { value: 0 }, 'value'],
    ['a negative value', { value: -10 }, 'value'],
    ['a value given as a string', { value: '250.00' }, 'value'],
    ['a missing abandonmentId', { abandonmentId: undefined }, 'abandonmentId'],
    ['a missing name', { name: undefined }, 'name'],
    ['an empty productId', { productId: '  ' }, 'productId'],
    ['a payment link that is not a URL', { paymentLink: 'javascript:alert(1)' }, 'paymentLink'],
    ['a timestamp that is not a date', { timestamp: 'yesterday' }, 'timestamp'],
  ];

  it.each(invalid)('rejects %s with 400 VALIDATION_ERROR naming the field', async (_name, overrides, field) => {
    const raw = JSON.stringify(abandonmentBody(overrides));
    const response = await postSigned(app, '/webhook/abandonment', raw, SECRET);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field, reason: expect.any(String) } });
    expect(response.body.error.timestamp).toEqual(expect.any(String));
    expect(JSON.stringify(response.body)).not.toMatch(/98765.?4321/);
    expect(await prisma.webhookLog.count()).toBe(0);
  });

  it('counts lengths as the workers and the database do ("❤️" is two), so nothing accepted can fail later', async () => {
    const response = await postSigned(app, '/webhook/abandonment', JSON.stringify(abandonmentBody({ name: '❤️'.repeat(200) })), SECRET);
    expect(response.status).toBe(400);
    expect(response.body.error.details.field).toBe('name');
  });

  it('rejects NUL characters and control characters in ids with 400, not a database error', async () => {
    const nul = await postSigned(app, '/webhook/abandonment', JSON.stringify(abandonmentBody({ name: 'Ana\u0000' })), SECRET);
    expect(nul.status).toBe(400);
    const newline = await postSigned(app, '/webhook/abandonment', JSON.stringify(abandonmentBody({ productId: 'p1\nx' })), SECRET);
    expect(newline.status).toBe(400);
    expect(await prisma.webhookLog.count()).toBe(0);
  });

  it.each([
    ['a Portuguese mobile', { phone: '+351912345678' }],
    ['a US number', { phone: '+16505551234' }],
    ['a São Paulo landline', { phone: '+551133334444' }],
    ['a name with an emoji family (zero-width joiners between visible characters)', { name: 'Ana 👨‍👩‍👧' }],
    ['a name in another script', { name: '李雷' }],
  ])('accepts %s', async (_name, overrides) => {
    const response = await postSigned(app, '/webhook/abandonment', JSON.stringify(abandonmentBody(overrides)), SECRET);
    expect(response.status).toBe(200);
  });

  it('queues the phone as the numbering plan writes it, so WhatsApp replies find the buyer', async () => {
    const response = await postSigned(app, '/webhook/abandonment', JSON.stringify(abandonmentBody({ phone: '+55011987654321' })), SECRET);
    expect(response.status).toBe(200);
    const [job] = await queuedJobs(harness.redis, harness.prefix);
    expect(job?.data.payload.phone).toBe('+5511987654321');
  });

  it('accepts a missing timestamp (the server defaults it)', async () => {
    const response = await postSigned(app, '/webhook/abandonment', JSON.stringify(abandonmentBody({ timestamp: undefined })), SECRET);
    expect(response.status).toBe(200);
  });

  it('rejects a correctly signed body that is not JSON with 400', async () => {
    const response = await postSigned(app, '/webhook/abandonment', 'userId=1&phone=2', SECRET);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('rejects a body over the size limit with 413', async () => {
    const raw = JSON.stringify(abandonmentBody({ name: 'x'.repeat(70 * 1024) }));
    const response = await postSigned(app, '/webhook/abandonment', raw, SECRET);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('POST /webhook/payment', () => {
  const payment = (overrides: Record<string, unknown> = {}) => ({
    abandonmentId: 'abn_789',
    paymentId: 'pay_123',
    status: 'paid',
    amount: 250.0,
    productId: 'prod_456',
    linkType: 'original',
    timestamp: '2026-02-05T10:45:00Z',
    ...overrides,
  });

  it('stores and enqueues a payment, naming the conversation of its abandonment', async () => {
    const abandonment = await postSigned(app, '/webhook/abandonment', JSON.stringify(abandonmentBody({ abandonmentId: 'abn_789' })), SECRET);
    const response = await postSigned(app, '/webhook/payment', JSON.stringify(payment()), SECRET);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'received', paymentId: 'pay_123', abandonmentId: 'abn_789', conversationId: abandonment.body.conversationId });
    const row = await prisma.webhookLog.findFirst({ where: { webhookType: 'payment' } });
    expect(row?.externalId).toBe('pay_123');
    expect(await queuedJobs(harness.redis, harness.prefix, QUEUES.payment)).toHaveLength(1);

    const again = await postSigned(app, '/webhook/payment', JSON.stringify(payment()), SECRET);
    expect(again.body.status).toBe('already_processed');
    expect(await queuedJobs(harness.redis, harness.prefix, QUEUES.payment)).toHaveLength(1);
  });

  it('stores a long payment id with a non-paid status under a hashed key instead of failing', async () => {
    const response = await postSigned(app, '/webhook/payment', JSON.stringify(payment({ paymentId: 'p'.repeat(255), status: 'pending' })), SECRET);
    expect(response.status).toBe(200);
    expect((await prisma.webhookLog.findFirstOrThrow({ where: { webhookType: 'payment' } })).externalId).toMatch(/^sha256:/);
  });

  it('keeps a pending and a paid report of one payment as two events', async () => {
    await postSigned(app, '/webhook/payment', JSON.stringify(payment({ status: 'pending' })), SECRET);
    const paid = await postSigned(app, '/webhook/payment', JSON.stringify(payment()), SECRET);
    expect(paid.body.status).toBe('received');
    expect(await prisma.webhookLog.count({ where: { webhookType: 'payment' } })).toBe(2);
  });

  it.each([
    ['a missing paymentId', { paymentId: undefined }, 'paymentId'],
    ['a non-positive amount', { amount: 0 }, 'amount'],
    ['an unknown link type', { linkType: 'coupon' }, 'linkType'],
  ])('rejects %s with 400', async (_name, overrides, field) => {
    const response = await postSigned(app, '/webhook/payment', JSON.stringify(payment(overrides)), SECRET);
    expect(response.status).toBe(400);
    expect(response.body.error.details.field).toBe(field);
  });

  it('rejects a payment signed with the WhatsApp secret', async () => {
    const response = await postSigned(app, '/webhook/payment', JSON.stringify(payment()), TEST_SECRETS.WHATSAPP_APP_SECRET);
    expect(response.status).toBe(403);
  });
});
