import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { GATEWAYS, type Platform } from '@sara/gateways';
import { createLogger } from '@sara/observability';
import { createApp } from '../app.js';
import { TEST_SECRETS } from '../test-support/ingress-harness.js';
import { TEST_RECOVERY } from '../test-support/test-recovery.js';
import { abandonmentBody, sign } from '../test-support/requests.js';
import { useIngressHarness } from '../test-support/use-ingress-harness.js';

const harness = useIngressHarness();
const { app, prisma } = harness;
const PLATFORMS = Object.keys(GATEWAYS) as Platform[];

/** Sara's error format, with nothing of the server's insides in it. */
function expectErrorFormat(body: unknown, code: string) {
  expect(body).toEqual({
    error: { code, message: expect.any(String), details: expect.any(Object), timestamp: expect.any(String), traceId: expect.any(String) },
  });
  expect(JSON.stringify(body)).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+/);
}

describe('client errors the HTTP layer finds keep their 4xx status', () => {
  const ROUTES = ['/webhook/abandonment', '/webhook/payment', '/webhook/messages', ...PLATFORMS.map((platform) => `/webhook/gateways/${platform}`)];

  it.each(ROUTES)('%s: a body claiming a Content-Encoding it does not have is a 400, not a 500', async (path) => {
    const raw = JSON.stringify(abandonmentBody());
    const response = await request(app)
      .post(path)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .set('X-Hub-Signature-256', sign(TEST_SECRETS.PAYMENT_WEBHOOK_SECRET, raw))
      .send(raw);
    expect(response.status).toBe(400);
    expectErrorFormat(response.body, 'VALIDATION_ERROR');
    expect(response.body.error.details).toEqual({ reason: 'content_encoding_mismatch' });
    expect(await prisma.webhookLog.count()).toBe(0);
  });

  it('a body that really is gzip still reaches the signature check (which signs the decoded bytes)', async () => {
    const raw = JSON.stringify(abandonmentBody());
    const response = await request(app)
      .post('/webhook/abandonment')
      // Not application/json: supertest would serialise the Buffer instead of sending its bytes.
      .set('Content-Type', 'application/octet-stream')
      .set('Content-Encoding', 'gzip')
      .set('X-Hub-Signature-256', sign(TEST_SECRETS.PAYMENT_WEBHOOK_SECRET, raw))
      .send(gzipSync(raw));
    expect(response.status).toBe(200);
  });

  it('an encoding the ingress cannot decode is a 415', async () => {
    const response = await request(app).post('/webhook/abandonment').set('Content-Type', 'application/json').set('Content-Encoding', 'x-unknown').send('{}');
    expect(response.status).toBe(415);
    expectErrorFormat(response.body, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([
    ['POST', '/webhook/gateways/%ff'],
    ['GET', '/admin/offers/%c0'],
    ['GET', '/conversations/%E0%A4%A'],
  ] as const)('an undecodable path (%s %s) is a 400', async (method, path) => {
    const response = await request(app)[method === 'POST' ? 'post' : 'get'](path).set('Authorization', `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`).send({});
    expect(response.status).toBe(400);
    expectErrorFormat(response.body, 'VALIDATION_ERROR');
    expect(response.body.error.details).toEqual({ reason: 'undecodable_path' });
  });
});

/**
 * pino-http hands the hook the raw request and response, which pino's serializers reduce to a
 * few fields before anything is written (and whose sockets refer to themselves): the record keeps
 * everything else, as written.
 */
function asWritten(key: string, value: unknown): unknown {
  return key === 'req' || key === 'res' ? '[serialized by pino]' : value;
}

describe('a client error is the client’s, not Sara’s', () => {
  /** The same app over the harness' connections, with a logger that keeps what it is asked to log. */
  const lines: { level: number; text: string }[] = [];
  const logger = createLogger({
    service: 'ingress-test',
    level: 'info',
    hooks: {
      logMethod(args, method, level) {
        lines.push({ level, text: JSON.stringify(args, asWritten) });
        method.apply(this, args);
      },
    },
  });
  const observed = createApp({
    env: { ...TEST_SECRETS, QUEUE_PREFIX: harness.prefix },
    prisma,
    redis: harness.redis,
    producer: harness.producer,
    logger,
    recovery: TEST_RECOVERY,
  });

  it.each([
    [
      'a false Content-Encoding',
      () => request(observed).post('/webhook/abandonment').set('Content-Encoding', 'gzip').set('Content-Type', 'application/json').send('{}'),
    ],
    ['an undecodable path', () => request(observed).post('/webhook/gateways/%ff').send('{}')],
  ])('%s is logged at warn, without a stack, and never as an error', async (_case, send) => {
    lines.length = 0;
    const response = await send();
    expect(response.status).toBe(400);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(lines.some((line) => line.level === 40 && line.text.includes('"code":"VALIDATION_ERROR"'))).toBe(true);
    expect(lines.map((line) => line.text).join('\n')).not.toContain('"stack"');
  });
});
