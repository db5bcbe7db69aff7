import { QUEUES } from '@sara/jobs';
import { createLogger } from '@sara/observability';
import { listSandboxMessages, SandboxWhatsAppClient } from '@sara/whatsapp';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { TEST_SECRETS } from '../test-support/ingress-harness.js';
import { abandonmentBody, postSigned, queuedJobs } from '../test-support/requests.js';
import { TEST_RECOVERY } from '../test-support/test-recovery.js';
import { useIngressHarness } from '../test-support/use-ingress-harness.js';

const harness = useIngressHarness();
const { prisma, redis, prefix } = harness;
const AUTH = `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`;
const PHONE = '+5511955012345';
// The shape a person types: read as E.164 like the abandonment webhook reads it.
const TYPED = encodeURIComponent('(11) 95501-2345');

/** The harness' app, with a logger whose every written line is kept (what pino writes, after redaction). */
const written: string[] = [];
const app = createApp({
  env: { ...TEST_SECRETS, QUEUE_PREFIX: prefix },
  prisma,
  redis,
  producer: harness.producer,
  logger: createLogger({ service: 'ingress-test', level: 'info', hooks: { streamWrite: (line) => (written.push(line), '') } }),
  recovery: TEST_RECOVERY,
});

/** A buyer as the checkout reports them: a log row, its queued job, a user, a conversation and a sandbox send. */
async function seedBuyer() {
  const body = abandonmentBody({ phone: PHONE, name: 'Maria Souza' });
  const received = await postSigned(app, '/webhook/abandonment', JSON.stringify(body), TEST_SECRETS.PAYMENT_WEBHOOK_SECRET);
  expect(received.status).toBe(200);
  const user = await prisma.user.create({ data: { phoneNumber: PHONE, name: 'Maria Souza' } });
  const abandonment = await prisma.abandonment.create({ data: { userId: user.id, externalId: String(body.abandonmentId), productId: 'prod_456' } });
  await prisma.conversation.create({ data: { id: received.body.conversationId as string, abandonmentId: abandonment.id, userId: user.id } });
  const sandbox = new SandboxWhatsAppClient({ redis, keyPrefix: prefix });
  await sandbox.send({ kind: 'text', to: PHONE, text: 'Oi Maria, seu carrinho!' });
  await sandbox.send({ kind: 'text', to: '+5521999990000', text: 'Oi Caio' });
}

describe('/admin/buyers/:phone', () => {
  it('exports the buyer, erases them with their queued job and sandbox messages, then answers 404', async () => {
    await seedBuyer();
    expect(await queuedJobs(redis, prefix, QUEUES.abandonment)).toHaveLength(1);

    const copy = await request(app).get(`/admin/buyers/${TYPED}`).set('Authorization', AUTH);
    expect(copy.status).toBe(200);
    expect(copy.body).toMatchObject({ phone: PHONE, user: { name: 'Maria Souza' }, abandonments: [expect.any(Object)], conversations: [expect.any(Object)] });

    const erased = await request(app).delete(`/admin/buyers/${TYPED}`).set('Authorization', AUTH);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      status: 'erased',
      erased: { users: 1, abandonments: 1, conversations: 1, webhooksLog: 1, jobs: 1, sandboxMessages: 1 },
      tombstone: false,
    });
    expect(await queuedJobs(redis, prefix, QUEUES.abandonment)).toHaveLength(0);
    const left = await listSandboxMessages(redis, prefix, { limit: 10, offset: 0 });
    expect(left.messages.map((m) => m.to)).toEqual(['+5521999990000']);

    expect((await request(app).get(`/admin/buyers/${TYPED}`).set('Authorization', AUTH)).body.error.code).toBe('BUYER_NOT_FOUND');
    const again = await request(app)
      .delete(`/admin/buyers/${encodeURIComponent(PHONE)}`)
      .set('Authorization', AUTH);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('BUYER_NOT_FOUND');
  });

  it('needs the admin token and answers 404 for a phone Sara could never hold', async () => {
    expect((await request(app).get(`/admin/buyers/${TYPED}`)).status).toBe(401);
    const bogus = await request(app).get('/admin/buyers/not-a-phone').set('Authorization', AUTH);
    expect(bogus.status).toBe(404);
    expect(bogus.body.error.code).toBe('BUYER_NOT_FOUND');
  });

  it('keeps the phone out of every log line, the access log included', async () => {
    written.length = 0;
    await seedBuyer();
    for (const path of [TYPED, encodeURIComponent(PHONE), '5511955012345']) {
      await request(app).get(`/admin/buyers/${path}`).set('Authorization', AUTH);
      await request(app).delete(`/admin/buyers/${path}`).set('Authorization', AUTH);
    }
    const log = written.join('');
    expect(log).toContain('/admin/buyers/:phone');
    for (const value of ['955012345', '95501-2345', '95501']) expect(log).not.toContain(value);
  });
});
