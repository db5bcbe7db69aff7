import { once } from 'node:events';
import http from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngressHarness, TEST_SECRETS } from '../test-support/ingress-harness.js';
import { AUTH_FAILURE_LIMIT, AuthFailureLimiter } from './auth-failure-limit.js';

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: { error?: Record<string, unknown> } };

/** A GET from a chosen loopback address: the limit is per address, and trust proxy is off. */
function get(port: number, path: string, from: string, token: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, localAddress: from, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text || '{}') as Answer['body'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('failed admin authentications from one address', () => {
  const harness = createIngressHarness();
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = harness.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await harness.close();
  });

  it('are answered 429 with Retry-After once over the limit; a good token elsewhere still works', async () => {
    // Good tokens first, more of them than the limit: they must not count.
    for (let i = 0; i < AUTH_FAILURE_LIMIT.max + 2; i += 1) {
      expect((await get(port, '/admin/offers', '127.0.0.3', TEST_SECRETS.ADMIN_API_KEY)).status).toBe(200);
    }
    for (let i = 0; i < AUTH_FAILURE_LIMIT.max; i += 1) {
      expect((await get(port, '/admin/offers', '127.0.0.3', `wrong-${i}`)).status).toBe(401);
    }
    const limited = await get(port, '/admin/offers', '127.0.0.3', 'wrong-again');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(AUTH_FAILURE_LIMIT.windowMs / 1000);
    expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED', traceId: expect.any(String) });
    // The limited address is refused even with the good token: a guess that hit must not be confirmed.
    expect((await get(port, '/conversations/00000000-0000-4000-8000-000000000000', '127.0.0.3', TEST_SECRETS.ADMIN_API_KEY)).status).toBe(429);
    expect((await get(port, '/admin/offers', '127.0.0.4', TEST_SECRETS.ADMIN_API_KEY)).status).toBe(200);
  });
});

describe('AuthFailureLimiter', () => {
  it('forgets an address once its window has passed', () => {
    let now = 0;
    const limiter = new AuthFailureLimiter({ max: 2, windowMs: 10_000 }, () => now);
    limiter.recordFailure('a');
    expect(limiter.retryAfterSeconds('a')).toBeUndefined();
    limiter.recordFailure('a');
    expect(limiter.retryAfterSeconds('a')).toBe(10);
    now = 9_001;
    expect(limiter.retryAfterSeconds('a')).toBe(1);
    now = 10_000;
    expect(limiter.retryAfterSeconds('a')).toBeUndefined();
    expect(limiter.retryAfterSeconds('b')).toBeUndefined();
  });
});
