import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInboundEvent, type WhatsAppEventEnvelope } from './inbound-event.js';
import { detectOptOut } from './opt-out/detector.js';
import { normalizeMessage } from './opt-out/index.js';

const RUNS = { numRuns: 150 };

/** Text with what a hostile sender reaches for: unicode, controls, lone surrogates, zero-width marks. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\u001f', '\u200b', '\u202e', '\ud83d', '\udc00', 'S', 'A', 'I', 'R', '!', ' ', 'ã', '👋', '\u0301'),
    maxLength: 40,
  }),
  fc.constantFrom('', 'SAIRRRR', 'para de me mandar mensagem', '__proto__', 'x'.repeat(5_000)),
);
const leaf = fc.oneof(hostileText, fc.double(), fc.bigInt().map(Number), fc.boolean(), fc.constant(null));
// Parsed JSON never holds a null-prototype object: bodies reach the parsers through JSON.parse.
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileText, tie('value'), { maxKeys: 5, noNullPrototype: true }),
  ),
})).value;

/** Meta's item shapes with random content in every field the parser reads. */
const message = fc.record(
  {
    from: fc.oneof(hostileText, json),
    id: fc.oneof(hostileText, json),
    timestamp: fc.oneof(hostileText, fc.double(), fc.constantFrom('99999999999999999999', '-1')),
    type: fc.oneof(fc.constantFrom('text', 'button', 'interactive', 'image', 'reaction', 'unsupported'), hostileText),
    text: fc.oneof(fc.record({ body: fc.oneof(hostileText, json) }), json),
    button: json,
    interactive: json,
    context: json,
  },
  { requiredKeys: [] },
);
const status = fc.record(
  { id: fc.oneof(hostileText, json), status: fc.oneof(hostileText, json), timestamp: json, recipient_id: json, errors: json },
  { requiredKeys: [] },
);
const value = fc.oneof(
  json,
  fc.record({ messages: fc.array(fc.oneof(message, json), { maxLength: 3 }), contacts: json }, { requiredKeys: [] }),
  fc.record({ statuses: fc.array(fc.oneof(status, json), { maxLength: 3 }) }),
  fc.record({ user_preferences: fc.array(json, { maxLength: 3 }) }),
);
const envelope = fc
  .record({
    object: fc.oneof(fc.constant('whatsapp_business_account'), hostileText),
    entry: fc.array(
      fc.record({
        id: fc.oneof(hostileText, json),
        changes: fc.array(fc.record({ field: fc.oneof(fc.constantFrom('messages', 'user_preferences'), hostileText), value }), { maxLength: 2 }),
      }),
      {
        maxLength: 2,
      },
    ),
  })
  .map((body) => JSON.parse(JSON.stringify(body)) as WhatsAppEventEnvelope);

describe('parseInboundEvent on hostile input', () => {
  it('reads any Meta-shaped body as one of its event kinds, never throwing', () => {
    fc.assert(
      fc.property(envelope, (body) => {
        const event = parseInboundEvent(body);
        expect(['message', 'status', 'preference', 'other']).toContain(event.kind);
        if (event.kind === 'message') {
          expect(event.sentAt).toBeInstanceOf(Date);
          expect(typeof event.wamid).toBe('string');
        }
      }),
      RUNS,
    );
  });
});

describe('normalizeMessage on hostile input', () => {
  it('always answers lowercase single-spaced text, and is idempotent', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const normalized = normalizeMessage(text);
        expect(typeof normalized).toBe('string');
        expect(normalized).not.toMatch(/\s{2}|^\s|\s$/);
        expect(normalizeMessage(normalized)).toBe(normalized);
      }),
      { numRuns: 300 },
    );
  });
});

describe('detectOptOut on hostile input', () => {
  it('answers a verdict for any text and any keyword list', () => {
    fc.assert(
      fc.property(hostileText, fc.array(hostileText, { maxLength: 4 }), (text, extra) => {
        const verdict = detectOptOut(text, ['sair', 'parar', ...extra]);
        expect(typeof verdict.optOut).toBe('boolean');
      }),
      RUNS,
    );
  });
});
