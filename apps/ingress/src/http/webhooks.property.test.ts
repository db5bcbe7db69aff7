import fc from 'fast-check';
import { GATEWAYS, type Platform } from '@sara/gateways';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticate, postGateway } from '../test-support/gateway-requests.js';
import { createIngressHarness, TEST_SECRETS } from '../test-support/ingress-harness.js';
import { abandonmentBody, postSigned } from '../test-support/requests.js';

const RUNS = { numRuns: 100 };

/** Text with what a hostile sender reaches for: unicode, controls, lone surrogates, zero-width marks. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u001f', '\u200b', '\ud83d', '\udc00', '+', '5', ' ', 'é'), maxLength: 30 }),
  fc.constantFrom('', '+5500000000000', 'x'.repeat(300), '__proto__'),
);
const leaf = fc.oneof(hostileText, fc.double(), fc.bigInt().map(Number), fc.constantFrom(1e308, -0, 2 ** 64), fc.boolean(), fc.constant(null));
// Parsed JSON never holds a null-prototype object: bodies reach the parsers through JSON.parse.
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileText, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

/** A valid body with some of its fields replaced by anything, serialised (lone surrogates become \uXXXX escapes). */
function mutated(base: Record<string, unknown>) {
  const keys = Object.keys(base);
  return fc.dictionary(fc.constantFrom(...keys), json, { maxKeys: keys.length }).map((overrides) => JSON.stringify({ ...base, ...overrides }));
}
const deep = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
/** Raw bytes a signer could send: any JSON, broken JSON, huge numbers, deep nesting. */
const anyRaw = fc.oneof(
  json.map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('{', '{"a":1e999999}', `{"n":${'9'.repeat(400)}}`, '"\\ud83d"', '{"name":"Ana \\ud83d"}', deep(5_000), '[]', 'null'),
);

const payment = {
  abandonmentId: 'abn_789',
  paymentId: 'pay_123',
  status: 'paid',
  amount: 250,
  productId: 'prod_456',
  linkType: 'original',
  timestamp: '2026-02-05T10:45:00Z',
};
const metaBody = (value: unknown) => JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '123', changes: [{ field: 'messages', value }] }] });
const metaMessage = fc
  .record(
    { from: fc.oneof(hostileText, json), id: fc.oneof(hostileText, json), timestamp: json, type: fc.constantFrom('text', 'button', 'image'), text: json },
    { requiredKeys: [] },
  )
  .map((message) => metaBody({ messaging_product: 'whatsapp', messages: [message] }));

type Answer = { status: number; body: { error?: Record<string, unknown> } };

/** Codes each property saw: a test whose signatures all failed would prove nothing. */
let seen = new Set<string>();
beforeEach(() => {
  seen = new Set();
});
afterEach(() => {
  expect(seen.has('HMAC_VERIFICATION_FAILED'), [...seen].join()).toBe(false);
});

/** Never a 500; any refusal in the error format, naming the request. */
function expectClientAnswer(response: Answer) {
  seen.add(response.body.error ? String(response.body.error.code) : String(response.status));
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String), traceId: expect.any(String) });
    expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  }
}

describe('webhook routes on signed hostile input', () => {
  const harness = createIngressHarness();
  afterAll(() => harness.close());
  const secret = TEST_SECRETS.PAYMENT_WEBHOOK_SECRET;

  it.each([
    ['/webhook/abandonment', fc.oneof(mutated(abandonmentBody()), anyRaw)],
    ['/webhook/payment', fc.oneof(mutated(payment), anyRaw)],
  ])('%s never answers 500', async (path, raw) => {
    await fc.assert(
      fc.asyncProperty(raw, async (body) => expectClientAnswer(await postSigned(harness.app, path, body, secret))),
      RUNS,
    );
  });

  it('/webhook/messages never answers 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(metaMessage, json.map(metaBody), anyRaw), async (body) =>
        expectClientAnswer(await postSigned(harness.app, '/webhook/messages', body, TEST_SECRETS.WHATSAPP_APP_SECRET)),
      ),
      RUNS,
    );
  });

  it.each(Object.keys(GATEWAYS) as Platform[])('/webhook/gateways/%s never answers 500', async (platform) => {
    const events = Object.keys(GATEWAYS[platform].events);
    const named = fc
      .record({
        name: fc.constantFrom(...events),
        fields: fc.dictionary(fc.constantFrom('id', 'data', 'buyer', 'customer', 'phone', 'email', 'status', 'object'), json, { maxKeys: 6 }),
      })
      .map(({ name, fields }) => ({ name, raw: JSON.stringify({ ...fields, event: name, type: name, webhook_event_type: name }) }));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          named,
          anyRaw.map((raw) => ({ name: events[0]!, raw })),
        ),
        async ({ name, raw }) => expectClientAnswer(await postGateway(harness.app, platform, raw, authenticate(platform, raw, { shopifyTopic: name }))),
      ),
      { numRuns: 60 },
    );
  });
});
