import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { QUEUES } from '@sara/jobs';
import { hasFixtures, loadWhatsAppFixture, loadWhatsAppFixtures, serializeLikeMeta } from '../../../../test/support/meta.js';
import { TEST_SECRETS } from '../test-support/ingress-harness.js';
import { postSigned, queuedJobs, sign } from '../test-support/requests.js';
import { useIngressHarness } from '../test-support/use-ingress-harness.js';

const harness = useIngressHarness();
const { app, prisma } = harness;
const SECRET = TEST_SECRETS.WHATSAPP_APP_SECRET;

/** A Meta body written from the documented format: two messages and a status in one delivery. */
function batchedBody() {
  const metadata = { display_phone_number: '15550001111', phone_number_id: '106540352242922' };
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata,
              contacts: [{ profile: { name: 'João' }, wa_id: '5511987654321' }],
              messages: [
                { from: '5511987654321', id: 'wamid.A1', timestamp: '1731705721', type: 'text', text: { body: 'Olá, não consegui pagar' } },
                { from: '5511987654321', id: 'wamid.A2', timestamp: '1731705722', type: 'text', text: { body: 'Ainda tem desconto?' } },
              ],
            },
          },
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata,
              statuses: [{ id: 'wamid.OUT1', status: 'delivered', timestamp: '1731705723', recipient_id: '5511987654321' }],
            },
          },
        ],
      },
    ],
  };
}

describe('POST /webhook/messages', () => {
  it('logs and enqueues each message and status of one body as its own event, then answers 200 empty', async () => {
    const raw = serializeLikeMeta(batchedBody());
    expect(raw).toContain('\\u00e3'); // "não" travels escaped, as Meta sends it
    const response = await postSigned(app, '/webhook/messages', raw, SECRET);
    expect(response.status).toBe(200);
    expect(response.text).toBe('');

    const rows = await prisma.webhookLog.findMany({ orderBy: { externalId: 'asc' } });
    expect(rows.map((row) => [row.webhookType, row.externalId])).toEqual([
      ['whatsapp_message', 'wamid.A1'],
      ['whatsapp_message', 'wamid.A2'],
      ['whatsapp_status', 'wamid.OUT1:delivered'],
    ]);
    const first = rows[0]?.payload as { entry: { changes: { value: { messages: { text: { body: string } }[]; contacts: unknown[] } }[] }[] };
    expect(first.entry[0]?.changes[0]?.value.messages).toHaveLength(1);
    expect(first.entry[0]?.changes[0]?.value.messages[0]?.text.body).toBe('Olá, não consegui pagar');
    expect(first.entry[0]?.changes[0]?.value.contacts).toHaveLength(1);

    const jobs = await queuedJobs(harness.redis, harness.prefix, QUEUES.whatsappInbound);
    expect(jobs.map((job) => job.id).sort()).toEqual(rows.map((row) => row.id).sort());
  });

  it('treats a redelivered body as a duplicate: no new rows, no new jobs', async () => {
    const raw = serializeLikeMeta(batchedBody());
    await postSigned(app, '/webhook/messages', raw, SECRET);
    const again = await postSigned(app, '/webhook/messages', raw, SECRET);
    expect(again.status).toBe(200);
    expect(await prisma.webhookLog.count()).toBe(3);
    expect(await queuedJobs(harness.redis, harness.prefix, QUEUES.whatsappInbound)).toHaveLength(3);
  });

  it('rejects the signature of the re-serialised object: only the received bytes count', async () => {
    const body = batchedBody();
    const response = await request(app)
      .post('/webhook/messages')
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', sign(SECRET, JSON.stringify(body)))
      .send(serializeLikeMeta(body));
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('HMAC_VERIFICATION_FAILED');
    expect(await prisma.webhookLog.count()).toBe(0);
  });

  it('rejects a body signed with the payment secret', async () => {
    const response = await postSigned(app, '/webhook/messages', serializeLikeMeta(batchedBody()), TEST_SECRETS.PAYMENT_WEBHOOK_SECRET);
    expect(response.status).toBe(403);
  });

  it('rejects a signed body that is not a WhatsApp Business Account webhook with 400', async () => {
    const response = await postSigned(app, '/webhook/messages', JSON.stringify({ object: 'page', entry: [] }), SECRET);
    expect(response.status).toBe(400);
    expect(response.body.error.details.field).toBe('object');
  });
});

describe.skipIf(!hasFixtures)('POST /webhook/messages with every real WhatsApp fixture', () => {
  const fixtures = loadWhatsAppFixtures();

  it.each(fixtures.map((fixture) => [`${fixture.file}#${fixture.name}`, fixture] as const))(
    '%s: accepted when signed over its raw bytes, and logged',
    async (_label, fixture) => {
      const raw = serializeLikeMeta(fixture.body);
      const response = await postSigned(app, '/webhook/messages', raw, SECRET);
      expect(response.status).toBe(200);
      const rows = await prisma.webhookLog.findMany();
      expect(rows.length).toBeGreaterThan(0);
      const jobs = await queuedJobs(harness.redis, harness.prefix, QUEUES.whatsappInbound);
      expect(jobs).toHaveLength(rows.length);

      const tampered = await request(app)
        .post('/webhook/messages')
        .set('Content-Type', 'application/json')
        .set('X-Hub-Signature-256', sign(SECRET, raw))
        .send(raw.replace('whatsapp_business_account', 'whatsapp_business_accounT'));
      expect(tampered.status).toBe(403);
    },
  );

  it('keys a text message by its wamid and a status by id and status', async () => {
    await postSigned(app, '/webhook/messages', serializeLikeMeta(loadWhatsAppFixture('message.json', 'text')), SECRET);
    await postSigned(app, '/webhook/messages', serializeLikeMeta(loadWhatsAppFixture('message_status.json', 'failed')), SECRET);
    const rows = await prisma.webhookLog.findMany({ orderBy: { webhookType: 'asc' } });
    expect(rows.map((row) => row.webhookType)).toEqual(['whatsapp_message', 'whatsapp_status']);
    expect(rows[0]?.externalId).toMatch(/^wamid\./);
    expect(rows[1]?.externalId).toMatch(/^wamid\..+:failed$/);
  });

  it('logs a marketing-preference change as a preference event', async () => {
    await postSigned(app, '/webhook/messages', serializeLikeMeta(loadWhatsAppFixture('user_marketing_preferences.json', 'resume')), SECRET);
    const rows = await prisma.webhookLog.findMany();
    expect(rows.map((row) => row.webhookType)).toEqual(['whatsapp_preference']);
  });
});

describe('GET /webhook/messages (Meta verification)', () => {
  const query = (overrides: Record<string, string> = {}) => ({
    'hub.mode': 'subscribe',
    'hub.verify_token': TEST_SECRETS.WHATSAPP_VERIFY_TOKEN,
    'hub.challenge': '1158201444',
    ...overrides,
  });

  it('echoes the challenge as plain text when the token matches', async () => {
    const response = await request(app).get('/webhook/messages').query(query());
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toBe('1158201444');
  });

  it.each([
    ['a wrong token', query({ 'hub.verify_token': 'wrong-token-123' })],
    ['a wrong mode', query({ 'hub.mode': 'unsubscribe' })],
    ['no token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }],
  ])('answers 403 to %s', async (_name, params) => {
    const response = await request(app).get('/webhook/messages').query(params);
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe('Invalid verify token');
  });
});
