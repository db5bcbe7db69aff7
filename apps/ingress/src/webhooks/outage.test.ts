import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { WebhookLogRepository, type Prisma } from '@sara/domain';
import { createLogger } from '@sara/observability';
import { createTestPrisma, truncateAll } from '../../../../test/support/database.js';
import { TcpProxy } from '../../../../test/support/tcp-proxy.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../../../../test/test-env.js';
import { waitFor } from '../../../../test/support/wait-for.js';
import { createIngressHarness, TEST_SECRETS, type IngressHarness } from '../test-support/ingress-harness.js';
import { authenticate, postGateway } from '../test-support/gateway-requests.js';
import { abandonmentBody, clearQueues, postSigned, queuedJobs } from '../test-support/requests.js';
import { OutboxRelay } from './outbox-relay.js';

const SECRET = TEST_SECRETS.PAYMENT_WEBHOOK_SECRET;
const prisma = createTestPrisma();
const opened: IngressHarness[] = [];
const proxies: TcpProxy[] = [];

async function proxyTo(url: string): Promise<TcpProxy> {
  const target = new URL(url);
  const proxy = await new TcpProxy(target.hostname, Number(target.port)).start();
  proxies.push(proxy);
  return proxy;
}

function open(options: Parameters<typeof createIngressHarness>[0]): IngressHarness {
  const harness = createIngressHarness(options);
  opened.push(harness);
  return harness;
}

beforeAll(() => truncateAll(prisma));
afterEach(async () => {
  await Promise.all(opened.splice(0).map((harness) => harness.close()));
  await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()));
  await truncateAll(prisma);
});
afterAll(() => prisma.$disconnect());

describe('Redis down, then back', () => {
  it('still answers, keeps every event in Postgres, and the relay enqueues them when Redis returns', async () => {
    const redisProxy = await proxyTo(TEST_REDIS_URL);
    const harness = open({ redisUrl: redisProxy.url('redis') });
    await waitFor(() => harness.redis.status === 'ready');
    await redisProxy.stop();

    const bodies = Array.from({ length: 5 }, () => abandonmentBody());
    for (const body of bodies) {
      const response = await postSigned(harness.app, '/webhook/abandonment', JSON.stringify(body), SECRET);
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('received');
    }
    const stored = await prisma.webhookLog.findMany();
    expect(stored).toHaveLength(5);
    expect(stored.every((row) => row.enqueuedAt === null)).toBe(true);
    expect((await request(harness.app).get('/ready')).status).toBe(503);

    await redisProxy.start();
    await waitFor(() => harness.redis.status === 'ready', 20_000, 'Redis reconnected');
    expect((await request(harness.app).get('/ready')).status).toBe(200);

    const relay = new OutboxRelay(
      { webhookLog: new WebhookLogRepository(harness.prisma), producer: harness.producer, logger: createLogger({ service: 'test', level: 'silent' }) },
      { intervalMs: 50, graceMs: 0, batchSize: 3 },
    );
    relay.start();
    // Only this test's rows: other test files share the database, and their stored-only rows
    // (ignored platform events) are never enqueued.
    const ours = { id: { in: stored.map((row) => row.id) }, enqueuedAt: null };
    await waitFor(async () => (await prisma.webhookLog.count({ where: ours })) === 0, 20_000, 'relay drained the outbox');
    await relay.stop();

    const jobs = await queuedJobs(harness.redis, harness.prefix);
    expect(jobs.map((job) => job.id).sort()).toEqual(stored.map((row) => row.id).sort());
    expect(await relay.runOnce()).toBe(0);
  });
});

describe('a checkout platform event stored while Redis was down', () => {
  it('is relayed as Sara understood it, and a delayed one waits only for what is left', async () => {
    const redisProxy = await proxyTo(TEST_REDIS_URL);
    const harness = open({ redisUrl: redisProxy.url('redis'), env: { SHOPIFY_ABANDONMENT_DELAY_MINUTES: 60 } });
    await waitFor(() => harness.redis.status === 'ready');
    await redisProxy.stop();

    const touched = new Date(Date.now() - 30 * 60_000).toISOString();
    const checkout = JSON.stringify({
      token: 'tok_outage',
      completed_at: null,
      updated_at: touched,
      phone: '+55 11 98765-4321',
      line_items: [{ product_id: 1, title: 'Camiseta' }],
      abandoned_checkout_url: 'https://loja.example.com/checkouts/tok_outage/recover',
    });
    expect((await postGateway(harness.app, 'shopify', checkout, authenticate('shopify', checkout, { shopifyTopic: 'checkouts/update' }))).status).toBe(200);

    await redisProxy.start();
    await waitFor(() => harness.redis.status === 'ready', 20_000, 'Redis reconnected');
    const relay = new OutboxRelay(
      { webhookLog: new WebhookLogRepository(harness.prisma), producer: harness.producer, logger: createLogger({ service: 'test', level: 'silent' }) },
      { intervalMs: 50, graceMs: 0, batchSize: 10 },
    );
    expect(await relay.runOnce()).toBe(1);

    const row = await prisma.webhookLog.findFirstOrThrow();
    const [job] = await queuedJobs(harness.redis, harness.prefix);
    expect(job?.data.payload).toEqual(row.event);
    expect(job?.data.payload.abandonmentId).toBe('shopify:tok_outage');
    expect(await job?.getState()).toBe('delayed');
    // Touched 30 min ago with a 60 min delay: about 30 min are left.
    expect(job?.opts.delay).toBeGreaterThan(29 * 60_000);
    expect(job?.opts.delay).toBeLessThanOrEqual(30 * 60_000);
  });
});

describe('Postgres down', () => {
  it('answers 503 DATABASE_ERROR, writes nothing and enqueues nothing', async () => {
    const postgresProxy = await proxyTo(TEST_DATABASE_URL);
    const target = new URL(TEST_DATABASE_URL);
    const harness = open({ databaseUrl: postgresProxy.url('postgresql', target.pathname).replace('://', `://${target.username}@`) });
    await waitFor(() => harness.redis.status === 'ready');
    expect((await request(harness.app).get('/ready')).status).toBe(200);
    await postgresProxy.stop();

    const response = await postSigned(harness.app, '/webhook/abandonment', JSON.stringify(abandonmentBody()), SECRET);
    expect(response.status).toBe(503);
    expect(response.body.error).toMatchObject({ code: 'DATABASE_ERROR', traceId: response.headers['x-request-id'] });
    expect((await request(harness.app).get('/ready')).body).toMatchObject({ status: 'unavailable', checks: { postgres: 'unavailable', redis: 'ok' } });
    expect(await prisma.webhookLog.count()).toBe(0);
    expect(await queuedJobs(harness.redis, harness.prefix)).toHaveLength(0);
  });
});

describe('health', () => {
  it('reports liveness without touching dependencies, and readiness when both answer', async () => {
    const harness = open({});
    await waitFor(() => harness.redis.status === 'ready');
    expect((await request(harness.app).get('/health')).body).toEqual({ status: 'ok' });
    expect((await request(harness.app).get('/ready')).body).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
  });
});

describe('a stored row its job schema refuses', () => {
  it('is never queued: the reason is kept on the row and the relay does not offer it again', async () => {
    const harness = open({});
    await waitFor(() => harness.redis.status === 'ready');
    const { phone: _dropped, ...withoutPhone } = abandonmentBody();
    const refused = await prisma.webhookLog.create({
      data: { webhookType: 'abandonment', externalId: `abn_refused_${Date.now()}`, payload: withoutPhone as Prisma.InputJsonObject, signatureVerified: true },
    });
    const relay = new OutboxRelay(
      { webhookLog: new WebhookLogRepository(harness.prisma), producer: harness.producer, logger: createLogger({ service: 'test', level: 'silent' }) },
      { intervalMs: 50, graceMs: 0, batchSize: 10 },
    );

    expect(await relay.runOnce()).toBe(0);
    const row = await prisma.webhookLog.findUniqueOrThrow({ where: { id: refused.id } });
    expect(row.errorMessage).toBe('invalid job data: payload.phone');
    expect(row.enqueuedAt).not.toBeNull();
    expect(row.processed).toBe(false);
    expect((await queuedJobs(harness.redis, harness.prefix)).map((job) => job.id)).not.toContain(refused.id);
    expect(await relay.runOnce()).toBe(0);
  });
});

describe('Redis comes back empty (a failover, a restart without AOF)', () => {
  it('re-adds rows enqueued long ago whose job is gone, once per stale period, and leaves processed and failed ones alone', async () => {
    const harness = open({});
    await waitFor(() => harness.redis.status === 'ready');
    const bodies = Array.from({ length: 5 }, () => abandonmentBody());
    for (const body of bodies) expect((await postSigned(harness.app, '/webhook/abandonment', JSON.stringify(body), SECRET)).status).toBe(200);
    const ours = { externalId: { in: bodies.map((body) => body.abandonmentId as string) } };
    // The door marks its rows enqueued after it answers.
    await waitFor(async () => (await prisma.webhookLog.count({ where: { ...ours, enqueuedAt: null } })) === 0, 5_000, 'rows marked enqueued');
    const rows = await prisma.webhookLog.findMany({ where: ours, orderBy: { createdAt: 'asc' } });
    const [lost, alsoLost, processed, failed, recent] = rows.map((row) => row.id) as [string, string, string, string, string];
    await prisma.webhookLog.update({ where: { id: processed }, data: { processed: true, processedAt: new Date() } });
    await prisma.webhookLog.update({ where: { id: failed }, data: { errorMessage: 'PermanentError: kept for review' } });
    const longAgo = new Date(Date.now() - 20 * 60_000);
    await prisma.webhookLog.updateMany({ where: { id: { in: [lost, alsoLost, processed, failed] } }, data: { enqueuedAt: longAgo } });

    // Redis returns with none of the jobs.
    await clearQueues(harness.redis, harness.prefix);
    expect(await queuedJobs(harness.redis, harness.prefix)).toHaveLength(0);

    const relay = new OutboxRelay(
      { webhookLog: new WebhookLogRepository(harness.prisma), producer: harness.producer, logger: createLogger({ service: 'test', level: 'silent' }) },
      { intervalMs: 50, graceMs: 60_000, batchSize: 1, reconcileEveryMs: 0 },
    );
    await relay.runOnce();
    const jobs = await queuedJobs(harness.redis, harness.prefix);
    expect(jobs.map((job) => job.id).sort()).toEqual([lost, alsoLost].sort());
    expect(jobs.find((job) => job.id === lost)?.data).toMatchObject({ webhookLogId: lost, payload: { abandonmentId: bodies[0]?.abandonmentId } });
    // Stamped again: looked at next only after another stale period, not at every pass.
    const stamped = await prisma.webhookLog.findUniqueOrThrow({ where: { id: lost } });
    expect(stamped.enqueuedAt!.getTime()).toBeGreaterThan(longAgo.getTime() + 60_000);

    // A row enqueued just now is the queue's: a job only slow to run is not re-added yet.
    await relay.runOnce();
    expect((await queuedJobs(harness.redis, harness.prefix)).map((job) => job.id)).not.toContain(recent);
    expect(await queuedJobs(harness.redis, harness.prefix)).toHaveLength(2);
  });

  it('adding a job that still exists is a no-op: its state and delay stay', async () => {
    const harness = open({});
    await waitFor(() => harness.redis.status === 'ready');
    const body = abandonmentBody();
    await postSigned(harness.app, '/webhook/abandonment', JSON.stringify(body), SECRET);
    await waitFor(
      async () => (await prisma.webhookLog.count({ where: { externalId: body.abandonmentId as string, enqueuedAt: null } })) === 0,
      5_000,
      'row marked enqueued',
    );
    const row = await prisma.webhookLog.findFirstOrThrow({ where: { externalId: body.abandonmentId as string } });
    const [before] = await queuedJobs(harness.redis, harness.prefix);
    await prisma.webhookLog.update({ where: { id: row.id }, data: { enqueuedAt: new Date(Date.now() - 20 * 60_000) } });

    const relay = new OutboxRelay(
      { webhookLog: new WebhookLogRepository(harness.prisma), producer: harness.producer, logger: createLogger({ service: 'test', level: 'silent' }) },
      { intervalMs: 50, graceMs: 60_000, batchSize: 10, reconcileEveryMs: 0 },
    );
    await relay.runOnce();
    const after = await queuedJobs(harness.redis, harness.prefix);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: row.id, timestamp: before?.timestamp });
  });
});
