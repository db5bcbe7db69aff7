import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { understand } from './gateway.js';
import { normalizePhone } from './phone.js';
import { GATEWAYS } from './registry.js';
import type { GatewayAdapter } from './types.js';

const RUNS = { numRuns: 150 };

/** Text with what a hostile sender reaches for: unicode, controls, lone surrogates, zero-width marks. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u001f', '\u200b', '\ud83d', '\udc00', '+', '5', '(', ' ', 'é', '𝟘'), maxLength: 30 }),
  fc.constantFrom('', ' ', '+5500000000000', '+55 11 99999-9999', '0055', '9'.repeat(400), 'NaN', '__proto__', 'constructor'),
);
const hugeNumber = fc.oneof(fc.double(), fc.bigInt().map(Number), fc.constantFrom(Number.MAX_VALUE, -0, 1e308, Number.MIN_VALUE, 2 ** 53 + 1));
const leaf = fc.oneof(hostileText, hugeNumber, fc.boolean(), fc.constant(null));
/** JSON of any shape, keys included, a few levels deep. */
// Parsed JSON never holds a null-prototype object: bodies reach the parsers through JSON.parse.
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileText, tie('value'), { maxKeys: 5, noNullPrototype: true }),
  ),
})).value;

/** A deeply nested value, as a sender trying to blow the stack would write it. */
function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { data: value };
  return value;
}

/** A body naming each event the adapter acts on, with random content where its fields go. */
function eventBody(adapter: GatewayAdapter) {
  const names = Object.keys(adapter.events);
  return fc.record({
    name: fc.constantFrom(...names),
    fields: fc.dictionary(
      fc.constantFrom('id', 'data', 'buyer', 'customer', 'phone', 'email', 'name', 'order_id', 'status', 'object', 'product', 'amount'),
      json,
      { maxKeys: 8 },
    ),
  });
}

function deliver(body: unknown, topic?: string) {
  const rawBody = Buffer.from(JSON.stringify(body) ?? 'null');
  return { rawBody, headers: topic ? { 'x-shopify-topic': topic, 'x-shopify-webhook-id': 'w1' } : {}, query: {} };
}

const context = { now: new Date('2026-12-01T12:00:00Z'), env: {} };

function expectMapping(read: () => ReturnType<typeof understand>) {
  const understood = read();
  expect(['abandonment', 'payment', 'ignored', 'rejected']).toContain(understood.mapping.type);
  expect(understood.deliveryKey.length).toBeLessThanOrEqual(255);
}

describe.each(Object.values(GATEWAYS))('understand($platform) on hostile input', (adapter) => {
  it('maps any JSON value without throwing', () => {
    fc.assert(
      fc.property(json, (body) => expectMapping(() => understand(adapter, body, deliver(body), context))),
      RUNS,
    );
  });

  it('maps bodies that name a real event but carry random fields', () => {
    fc.assert(
      fc.property(eventBody(adapter), ({ name, fields }) => {
        const body = { ...fields, event: name, type: name, webhook_event_type: name };
        expectMapping(() => understand(adapter, body, deliver(body, name), context));
      }),
      RUNS,
    );
  });

  it('maps a body nested thousands of levels deep', () => {
    const body = { event: Object.keys(adapter.events)[0], data: nested(6_000) };
    expectMapping(() => understand(adapter, body, deliver({ truncated: true }, Object.keys(adapter.events)[0]), context));
  });
});

describe('normalizePhone on hostile input', () => {
  it('answers E.164 or a reason, never throws', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom('BR', 'US', 'PT'), (raw, country) => {
        const result = normalizePhone(raw, country);
        if (result.ok) expect(result.e164).toMatch(/^\+[1-9]\d{6,14}$/);
        else expect(result.reason).toEqual(expect.any(String));
      }),
      { numRuns: 300 },
    );
  });

  it('reads any valid E.164 it produced back to itself', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+55 ?[1-9]{2} ?9[0-9]{4}-?[0-9]{4}$/), (raw) => {
        const first = normalizePhone(raw);
        if (first.ok) expect(normalizePhone(first.e164)).toEqual(first);
      }),
      RUNS,
    );
  });
});
