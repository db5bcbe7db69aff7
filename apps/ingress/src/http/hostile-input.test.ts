import { describe, expect, it } from 'vitest';
import type request from 'supertest';
import { GATEWAYS, type Platform } from '@sara/gateways';
import { TEST_SECRETS } from '../test-support/ingress-harness.js';
import { authenticate, postGateway } from '../test-support/gateway-requests.js';
import { abandonmentBody, postSigned } from '../test-support/requests.js';
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

/** A Meta envelope carrying `extra` inside a message, where a real sender's text would be. */
function metaBody(extra: string): string {
  return `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","extra":${extra}}}]}]}`;
}

/** A signed abandonment whose raw text has `extra` spliced in as the value of a field. */
function abandonmentWith(field: string, extra: string): string {
  const body = JSON.stringify(abandonmentBody());
  return `${body.slice(0, -1)},"${field}":${extra}}`;
}

const LONE_SURROGATE = '"Ana \\ud83d"';
const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** Each kind of webhook with a signed body holding `extra`. */
const KINDS: [string, (extra: string) => request.Test][] = [
  ['abandonment', (extra) => postSigned(app, '/webhook/abandonment', abandonmentWith('note', extra), TEST_SECRETS.PAYMENT_WEBHOOK_SECRET)],
  [
    'payment',
    (extra) =>
      postSigned(
        app,
        '/webhook/payment',
        `{"abandonmentId":"abn_1","paymentId":"pay_1","status":"paid","amount":10,"note":${extra}}`,
        TEST_SECRETS.PAYMENT_WEBHOOK_SECRET,
      ),
  ],
  ['whatsapp', (extra) => postSigned(app, '/webhook/messages', metaBody(extra), TEST_SECRETS.WHATSAPP_APP_SECRET)],
  ...PLATFORMS.map((platform): [string, (extra: string) => request.Test] => [
    `gateway ${platform}`,
    (extra) => {
      const raw = `{"id":"evt_hostile_${platform}","name":${extra}}`;
      return postGateway(app, platform, raw, authenticate(platform, raw));
    },
  ]),
];

describe.each(KINDS)('%s webhook: signed content Postgres cannot store is refused, not altered', (_kind, post) => {
  it('a lone UTF-16 surrogate is a 400 VALIDATION_ERROR and nothing is stored', async () => {
    const response = await post(LONE_SURROGATE);
    expect(response.status).toBe(400);
    expectErrorFormat(response.body, 'VALIDATION_ERROR');
    expect(response.body.error.details).toEqual({ reason: 'lone_surrogate' });
    expect(await prisma.webhookLog.count()).toBe(0);
  });

  it('a lone surrogate in a key is refused too', async () => {
    const response = await post('{"\\udc00":1}');
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual({ reason: 'lone_surrogate' });
  });

  it('a well-formed pair (an emoji written as escapes) is not a surrogate problem', async () => {
    const response = await post('"Ana \\ud83d\\ude00"');
    expect(response.body.error?.details?.reason).not.toBe('lone_surrogate');
    expect(response.status).toBeLessThan(500);
  });

  it('JSON nested 5,000 levels deep is a 400, not a stack overflow', async () => {
    const response = await post(deep(5_000));
    expect(response.status).toBe(400);
    expectErrorFormat(response.body, 'VALIDATION_ERROR');
    expect(response.body.error.details).toEqual({ reason: 'too_deep', maxDepth: 64 });
    expect(await prisma.webhookLog.count()).toBe(0);
  });
});

describe('the depth limit is far above any real payload', () => {
  // The body itself is level 1, so a field holding 63 levels reaches exactly 64.
  it('accepts a signed abandonment nested exactly 64 levels deep', async () => {
    const response = await postSigned(app, '/webhook/abandonment', abandonmentWith('note', deep(63)), TEST_SECRETS.PAYMENT_WEBHOOK_SECRET);
    expect(response.status).toBe(200);
  });

  it('refuses one level more', async () => {
    const response = await postSigned(app, '/webhook/abandonment', abandonmentWith('note', deep(64)), TEST_SECRETS.PAYMENT_WEBHOOK_SECRET);
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual({ reason: 'too_deep', maxDepth: 64 });
  });
});
