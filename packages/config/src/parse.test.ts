import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './parse.js';
import { zBaseEnv, zWebhookSecretsEnv, zWorkerEnv } from './fragments.js';

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    expect(parseEnv(zBaseEnv, {})).toMatchObject({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/sara',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'sara',
      DATABASE_POOL_MAX: 10,
    });
  });

  it('refuses the placeholder secrets of .env.example', () => {
    expect(() =>
      parseEnv(zWebhookSecretsEnv, { PAYMENT_WEBHOOK_SECRET: 'change-me', WHATSAPP_APP_SECRET: 'x'.repeat(20), WHATSAPP_VERIFY_TOKEN: 'y'.repeat(20) }),
    ).toThrow(/PAYMENT_WEBHOOK_SECRET: is still the placeholder/);
  });

  it('names every bad variable and says what is wrong', () => {
    const error = (() => {
      try {
        parseEnv(zWorkerEnv.extend(zWebhookSecretsEnv.shape), {
          REDIS_URL: 'http://localhost',
          WORKER_CONCURRENCY: 'lots',
          PAYMENT_WEBHOOK_SECRET: 'short',
        });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).issues.map((issue) => issue.variable);
    expect(variables).toEqual(expect.arrayContaining(['REDIS_URL', 'WORKER_CONCURRENCY', 'PAYMENT_WEBHOOK_SECRET', 'WHATSAPP_APP_SECRET']));
    expect((error as ConfigError).message).toMatch(/REDIS_URL: must be a redis: or rediss:\/\/ URL/);
    expect((error as ConfigError).message).not.toContain('short');
  });
});
