import { describe, expect, it } from 'vitest';
import { defineGateway } from './define-gateway.js';
import { zMinutes } from './env.js';
import { understand } from './gateway.js';
import { tokenHeader } from './verify.js';

/** A platform whose one handler answers with what it was told, so the test sees its context. */
const echo = defineGateway({
  platform: 'echo',
  secret: { ECHO_WEBHOOK_SECRET: 'the echo secret' },
  settings: { ECHO_DELAY_MINUTES: zMinutes(15) },
  verify: tokenHeader('X-Echo-Token'),
  eventName: () => 'told',
  eventId: () => 'one',
  events: { told: (_body, { now, env }) => ({ type: 'ignored', reason: JSON.stringify({ now, env }) }) },
});

const told = (env: Record<string, unknown>) => {
  const { mapping } = understand(echo, {}, { rawBody: Buffer.from('{}'), headers: {}, query: {} }, { now: new Date('2026-06-08T15:00:00Z'), env });
  return mapping.type === 'ignored' ? JSON.parse(mapping.reason) : mapping;
};

describe('defineGateway', () => {
  it('declares the secret and the settings as the platform’s env, under their own names', () => {
    expect(Object.keys(echo.env.shape).sort()).toEqual(['ECHO_DELAY_MINUTES', 'ECHO_WEBHOOK_SECRET']);
    expect(echo.secretEnv).toBe('ECHO_WEBHOOK_SECRET');
  });

  it('tells a handler its own settings and the shared ones, parsed, and never a secret or another platform’s variable', () => {
    const env = {
      ECHO_WEBHOOK_SECRET: 'echo-secret-0123',
      ECHO_DELAY_MINUTES: 5,
      SHOPIFY_ABANDONMENT_DELAY_MINUTES: 1,
      PENDING_PAYMENT_REMINDER_DELAY_MINUTES: 7,
    };
    expect(told(env)).toEqual({ now: '2026-06-08T15:00:00.000Z', env: { ECHO_DELAY_MINUTES: 5, PENDING_PAYMENT_REMINDER_DELAY_MINUTES: 7 } });
  });

  it('gives a setting left out its declared default', () => {
    expect(told({}).env).toEqual({ ECHO_DELAY_MINUTES: 15, PENDING_PAYMENT_REMINDER_DELAY_MINUTES: 30 });
  });

  it('refuses a definition that names no secret, or two', () => {
    const base = { platform: 'bad', verify: tokenHeader('X-Bad'), eventName: () => undefined, eventId: () => undefined, events: {} };
    expect(() => defineGateway({ ...base, secret: {} })).toThrow('bad must name exactly one secret variable');
    expect(() => defineGateway({ ...base, secret: { A_SECRET: 'a', B_SECRET: 'b' } })).toThrow('bad must name exactly one secret variable');
  });
});
