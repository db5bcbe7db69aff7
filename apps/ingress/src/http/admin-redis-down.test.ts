import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { TcpProxy } from '../../../../test/support/tcp-proxy.js';
import { TEST_REDIS_URL } from '../../../../test/test-env.js';
import { waitFor } from '../../../../test/support/wait-for.js';
import { createIngressHarness, TEST_SECRETS, type IngressHarness } from '../test-support/ingress-harness.js';

const AUTH = `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`;
let proxy: TcpProxy;
let harness: IngressHarness;

beforeAll(async () => {
  const target = new URL(TEST_REDIS_URL);
  proxy = await new TcpProxy(target.hostname, Number(target.port)).start();
  harness = createIngressHarness({ redisUrl: proxy.url('redis') });
  await waitFor(() => harness.redis.status === 'ready');
});
afterAll(async () => {
  await harness.close();
  await proxy.stop();
});

/** The admin routes that read or write Redis (the queues, the sandbox's record). */
const REDIS_ROUTES: [string, string][] = [
  ['GET', '/sandbox/messages'],
  ['GET', '/admin/queues/abandonment-received/failed'],
  ['POST', '/admin/queues/abandonment-received/failed/some-job/retry'],
  ['POST', '/admin/queues/abandonment-received/failed/retry'],
];

describe('Redis-dependent admin routes while Redis is down', () => {
  it.each(REDIS_ROUTES)('%s %s answers 200/404 while Redis is up', async (method, path) => {
    const response = await request(harness.app)[method === 'GET' ? 'get' : 'post'](path).set('Authorization', AUTH);
    expect(response.status).toBeLessThan(500);
  });

  it.each(REDIS_ROUTES)('%s %s answers 503 SERVICE_UNAVAILABLE in Sara’s error format, quickly', async (method, path) => {
    await proxy.stop();
    await waitFor(() => harness.redis.status !== 'ready');
    const started = Date.now();
    const response = await request(harness.app)[method === 'GET' ? 'get' : 'post'](path).set('Authorization', AUTH);
    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String), details: {}, timestamp: expect.any(String), traceId: expect.any(String) },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
