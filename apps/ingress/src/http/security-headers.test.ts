import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { TEST_SECRETS } from '../test-support/ingress-harness.js';
import { abandonmentBody, postSigned } from '../test-support/requests.js';
import { useIngressHarness } from '../test-support/use-ingress-harness.js';

const harness = useIngressHarness();
const { app } = harness;
const AUTH = `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`;

/** One answer of each kind the ingress gives: success, client error, not found, text, metrics. */
const SURFACES: [string, () => request.Test][] = [
  ['GET /health', () => request(app).get('/health')],
  ['GET /ready', () => request(app).get('/ready')],
  ['GET /metrics', () => request(app).get('/metrics')],
  ['a 404', () => request(app).get('/nowhere')],
  ['an admin 401', () => request(app).get('/admin/offers')],
  ['an admin 200', () => request(app).get('/admin/offers').set('Authorization', AUTH)],
  ['a webhook 403', () => request(app).post('/webhook/abandonment').send({})],
  ['a webhook 200', () => postSigned(app, '/webhook/abandonment', JSON.stringify(abandonmentBody()), TEST_SECRETS.PAYMENT_WEBHOOK_SECRET)],
  ['a gateway 400', () => request(app).post('/webhook/gateways/%ff')],
  [
    'the Meta challenge (text)',
    () =>
      request(app).get('/webhook/messages').query({ 'hub.mode': 'subscribe', 'hub.verify_token': TEST_SECRETS.WHATSAPP_VERIFY_TOKEN, 'hub.challenge': '42' }),
  ],
];

describe('security headers (helmet) on every HTTP surface of the ingress', () => {
  it.each(SURFACES)('%s', async (_name, send) => {
    const response = await send();
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.headers).toMatchObject({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringContaining('max-age='),
      'cross-origin-resource-policy': 'same-origin',
      'cross-origin-opener-policy': 'same-origin',
      'x-dns-prefetch-control': 'off',
    });
    expect(response.headers).not.toHaveProperty('x-powered-by');
  });
});

type RouteLayer = { route?: { path: string; methods: Record<string, boolean>; stack: { name: string }[] }; handle?: { stack?: RouteLayer[] } };

/** Every route of the app, with the names of the handlers it runs. */
function routesOf(layers: RouteLayer[]): { method: string; path: string; handlers: string[] }[] {
  return layers.flatMap((layer) => {
    if (layer.route) {
      const { route } = layer;
      return Object.keys(route.methods).map((method) => ({ method, path: route.path, handlers: route.stack.map((handler) => handler.name) }));
    }
    return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
  });
}

/** Routes that take no body: nothing reads it, so it is never buffered (Node discards it). */
const BODYLESS = new Set([
  'post /queues/:queue/failed/:jobId/retry',
  'post /queues/:queue/failed/retry',
  'delete /offers/:productId',
  'delete /sequences/:kind',
  'delete /buyers/:phone',
]);
/** body-parser's size-limited readers, as Express names them. */
const LIMITED_PARSERS = ['rawParser', 'jsonParser'];

describe('a body limit on every route', () => {
  const routes = routesOf((app as unknown as { router: { stack: RouteLayer[] } }).router.stack);

  it('every route that is not a GET reads its body through a size-limited parser, or takes none', () => {
    const unlimited = routes
      .filter(
        ({ method, path, handlers }) => method !== 'get' && !BODYLESS.has(`${method} ${path}`) && !handlers.some((name) => LIMITED_PARSERS.includes(name)),
      )
      .map(({ method, path }) => `${method} ${path}`);
    expect(routes.length).toBeGreaterThan(20);
    expect(unlimited).toEqual([]);
  });

  /** Every route with a parser, as a request that reaches it. */
  const BODY_ROUTES: [string, string, string?][] = [
    ['post', '/webhook/abandonment'],
    ['post', '/webhook/payment'],
    ['post', '/webhook/messages'],
    ['post', '/webhook/gateways/hotmart'],
    ['post', `/conversations/${randomUUID()}/close`, AUTH],
    ['put', '/admin/offers/p1', AUTH],
    ['put', '/admin/sequences/cart', AUTH],
    ['put', '/admin/settings', AUTH],
    ['post', '/admin/offers/test', AUTH],
    ['post', `/admin/payments/${randomUUID()}/link`, AUTH],
    ['post', `/admin/payments/${randomUUID()}/ignore`, AUTH],
  ];

  it('the list below covers every route with a parser', () => {
    expect(routes.filter(({ handlers }) => handlers.some((name) => LIMITED_PARSERS.includes(name))).length).toBe(BODY_ROUTES.length);
  });

  it.each(BODY_ROUTES)('%s %s answers 413 PAYLOAD_TOO_LARGE to a body past its limit', async (method, path, auth) => {
    const call = method === 'put' ? request(app).put(path) : request(app).post(path);
    if (auth) call.set('Authorization', auth);
    const response = await call.set('Content-Type', 'application/json').send(JSON.stringify({ padding: 'x'.repeat(600 * 1024) }));
    expect(response.status).toBe(413);
    expect(response.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
