import { ConfigError } from '@sara/config';
import { GATEWAYS } from '@sara/gateways';
import { describe, expect, it } from 'vitest';
import { loadIngressEnv, ZIngressEnv } from './env.js';

const REQUIRED = {
  PAYMENT_WEBHOOK_SECRET: 'payment-secret-0123456789',
  WHATSAPP_APP_SECRET: 'meta-app-secret-0123456789',
  WHATSAPP_VERIFY_TOKEN: 'verify-token-0123',
  ADMIN_API_KEY: 'admin-key-0123456789abcdef',
  ERASURE_HASH_KEY: 'erasure-key-0123456789',
};

/** What an operator reads when one variable is wrong. */
function problemWith(name: string, value: string): string {
  try {
    loadIngressEnv({ ...REQUIRED, [name]: value });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`${name}=${value} was accepted`);
}

const adapters = Object.values(GATEWAYS);
const secretVariables = adapters.map((adapter) => adapter.secretEnv);

/** The variables shipped platforms are configured by, and what a refusal says each holds: users have them set. */
const SHIPPED_SECRETS = [
  ['HOTMART_HOTTOK', 'the hottok of the Hotmart account'],
  ['KIWIFY_WEBHOOK_TOKEN', 'the token of the Kiwify webhook'],
  ['EDUZZ_WEBHOOK_SECRET', 'the Eduzz webhook signing secret'],
  ['STRIPE_WEBHOOK_SECRET', 'the whsec_… signing secret of the Stripe endpoint'],
  ['SHOPIFY_WEBHOOK_SECRET', 'the Shopify app client secret'],
] as const;

describe('ingress env: checkout platforms, as each adapter declares them', () => {
  it('reads every variable the registered adapters declare, and the shared ones', () => {
    const declared = adapters.flatMap((adapter) => Object.keys(adapter.env.shape));
    expect(declared.filter((name) => !Object.hasOwn(ZIngressEnv.shape, name))).toEqual([]);
    expect(Object.hasOwn(ZIngressEnv.shape, 'PENDING_PAYMENT_REMINDER_DELAY_MINUTES')).toBe(true);
  });

  it('still reads the shipped platforms’ variables under the names users set', () => {
    const declared = adapters.flatMap((adapter) => Object.keys(adapter.env.shape));
    expect(declared).toEqual(expect.arrayContaining([...SHIPPED_SECRETS.map(([name]) => name), 'SHOPIFY_ABANDONMENT_DELAY_MINUTES']));
  });

  it('switches every platform off when its secret is unset or blank', () => {
    const blank = Object.fromEntries(secretVariables.map((name, index) => [name, index % 2 ? '   ' : '']));
    const env: Record<string, unknown> = loadIngressEnv({ ...REQUIRED, ...blank });
    for (const name of secretVariables) expect(env[name], name).toBeUndefined();
  });

  it.each(secretVariables)('trims %s and refuses a short or placeholder one, naming it', (name) => {
    expect((loadIngressEnv({ ...REQUIRED, [name]: '  a-real-secret-42 ' }) as Record<string, unknown>)[name]).toBe('a-real-secret-42');
    expect(problemWith(name, 'short')).toMatch(new RegExp(`^Invalid environment: ${name}: must be at least 8 characters \\(.+\\)$`));
    expect(problemWith(name, 'change-me-later')).toBe(`Invalid environment: ${name}: is still a placeholder; set the real secret or leave it empty`);
  });

  it.each(SHIPPED_SECRETS)('says what %s holds when it refuses one', (name, what) => {
    expect(problemWith(name, 'short')).toBe(`Invalid environment: ${name}: must be at least 8 characters (${what})`);
  });

  it('waits 60 minutes before a Shopify checkout counts as abandoned and 30 before a Pix/boleto reminder, unless told', () => {
    expect(loadIngressEnv(REQUIRED)).toMatchObject({ SHOPIFY_ABANDONMENT_DELAY_MINUTES: 60, PENDING_PAYMENT_REMINDER_DELAY_MINUTES: 30 });
    expect(loadIngressEnv({ ...REQUIRED, SHOPIFY_ABANDONMENT_DELAY_MINUTES: '0', PENDING_PAYMENT_REMINDER_DELAY_MINUTES: '5' })).toMatchObject({
      SHOPIFY_ABANDONMENT_DELAY_MINUTES: 0,
      PENDING_PAYMENT_REMINDER_DELAY_MINUTES: 5,
    });
  });

  it.each([
    ['SHOPIFY_ABANDONMENT_DELAY_MINUTES', 'soon', 'must be a number of minutes'],
    ['SHOPIFY_ABANDONMENT_DELAY_MINUTES', '1.5', 'must be a whole number'],
    ['PENDING_PAYMENT_REMINDER_DELAY_MINUTES', '-1', 'must be 0 or more'],
  ])('refuses %s=%s: %s', (name, value, problem) => {
    expect(problemWith(name, value)).toBe(`Invalid environment: ${name}: ${problem}`);
  });
});

describe('ingress env: METRICS_TOKEN', () => {
  it('is optional, and blank means unset', () => {
    expect(loadIngressEnv(REQUIRED).METRICS_TOKEN).toBeUndefined();
    expect(loadIngressEnv({ ...REQUIRED, METRICS_TOKEN: '  ' }).METRICS_TOKEN).toBeUndefined();
    expect(loadIngressEnv({ ...REQUIRED, METRICS_TOKEN: 'metrics-token-0123456789' }).METRICS_TOKEN).toBe('metrics-token-0123456789');
  });

  it.each([
    ['short', 'must be at least 16 characters'],
    ['change-me-metrics-token', 'is still a placeholder; set a real secret'],
  ])('refuses METRICS_TOKEN=%s: %s', (value, problem) => {
    expect(problemWith('METRICS_TOKEN', value)).toBe(`Invalid environment: METRICS_TOKEN: ${problem}`);
  });
});

describe('ingress env: ERASURE_HASH_KEY', () => {
  it('defaults to a development key, refused in production', () => {
    expect(loadIngressEnv(REQUIRED).ERASURE_HASH_KEY).toBe('erasure-key-0123456789');
    const { ERASURE_HASH_KEY: _key, ...withoutKey } = REQUIRED;
    expect(loadIngressEnv(withoutKey).ERASURE_HASH_KEY).toMatch(/development/);
    expect(() => loadIngressEnv({ ...withoutKey, NODE_ENV: 'production' })).toThrow(/ERASURE_HASH_KEY: is required in production/);
    expect(problemWith('ERASURE_HASH_KEY', 'change-me-please-0000')).toMatch(/ERASURE_HASH_KEY: is still the placeholder/);
  });
});
