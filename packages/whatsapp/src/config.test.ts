import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../../../test/test-env.js';
import { GraphWhatsAppClient } from './client.js';
import { createWhatsAppClient, zWhatsAppEnv } from './config.js';
import { listSandboxMessages, SandboxWhatsAppClient } from './sandbox.js';
import { FakeGraphServer } from './test-support/fake-graph-server.js';

const redis = new Redis(TEST_REDIS_URL);
const keyPrefix = `sara-test-${randomUUID().slice(0, 8)}`;
const server = new FakeGraphServer({ accessToken: 'EAAG-config-token' });

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
  await redis.del(`${keyPrefix}:sandbox:messages`);
  await redis.quit();
});

describe('zWhatsAppEnv', () => {
  it('defaults to the sandbox and the Cloud API host', () => {
    expect(zWhatsAppEnv.parse({})).toEqual({
      WHATSAPP_API_URL: 'https://graph.facebook.com/v23.0',
      WHATSAPP_PHONE_NUMBER_ID: 'sandbox',
      WHATSAPP_ACCESS_TOKEN: undefined,
      WHATSAPP_SEND_RATE_PER_SECOND: 80,
      WHATSAPP_TEMPLATE_LANGUAGE: 'pt_BR',
      WHATSAPP_TEMPLATE_ABANDONMENT: 'sara_carrinho_abandonado',
      WHATSAPP_TEMPLATE_THANKS: 'sara_pagamento_confirmado',
      WHATSAPP_TEMPLATE_PAYMENT_PENDING: 'sara_pagamento_pendente',
      WHATSAPP_TEMPLATE_PAYMENT_EXPIRED: 'sara_pagamento_expirado',
    });
  });

  it('treats an empty token as absent and coerces the rate', () => {
    const env = zWhatsAppEnv.parse({ WHATSAPP_ACCESS_TOKEN: '  ', WHATSAPP_SEND_RATE_PER_SECOND: '20' });
    expect(env.WHATSAPP_ACCESS_TOKEN).toBeUndefined();
    expect(env.WHATSAPP_SEND_RATE_PER_SECOND).toBe(20);
  });

  it.each([
    ['WHATSAPP_API_URL', 'graph.facebook.com/v23.0'],
    ['WHATSAPP_API_URL', 'ftp://graph.facebook.com'],
    ['WHATSAPP_PHONE_NUMBER_ID', '+55 11 98765-4321'],
    ['WHATSAPP_SEND_RATE_PER_SECOND', '0'],
    ['WHATSAPP_SEND_RATE_PER_SECOND', '2.5'],
    ['WHATSAPP_TEMPLATE_ABANDONMENT', 'Carrinho Abandonado'],
    ['WHATSAPP_TEMPLATE_LANGUAGE', 'Portuguese'],
  ])('rejects %s=%j, naming the variable', (variable, value) => {
    const result = zWhatsAppEnv.safeParse({ [variable]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([variable]);
  });
});

describe('createWhatsAppClient', () => {
  it('picks the sandbox when no token is configured, and it really stores', async () => {
    const client = createWhatsAppClient(zWhatsAppEnv.parse({ WHATSAPP_ACCESS_TOKEN: '' }), { redis, keyPrefix });
    expect(client).toBeInstanceOf(SandboxWhatsAppClient);
    expect(client.transport).toBe('sandbox');

    const { wamid } = await client.send({ kind: 'text', to: '+5511900000000', text: 'oi' });
    const { messages } = await listSandboxMessages(redis, keyPrefix, { limit: 1, offset: 0 });
    expect(messages[0]?.wamid).toBe(wamid);
    expect(server.requests).toHaveLength(0);
  });

  it('picks Graph when a token is configured, and sends there with it', async () => {
    const env = zWhatsAppEnv.parse({
      WHATSAPP_API_URL: server.url,
      WHATSAPP_PHONE_NUMBER_ID: '109876543210987',
      WHATSAPP_ACCESS_TOKEN: 'EAAG-config-token',
    });
    const client = createWhatsAppClient(env, { redis, keyPrefix });
    expect(client).toBeInstanceOf(GraphWhatsAppClient);
    expect(client.transport).toBe('graph');

    await client.send({ kind: 'text', to: '+5511900000000', text: 'oi' });
    expect(server.requests).toMatchObject([{ path: '/v23.0/109876543210987/messages', authorization: 'Bearer EAAG-config-token' }]);
  });

  it('refuses a real phone number ID without a token instead of pretending to send', () => {
    const env = zWhatsAppEnv.parse({ WHATSAPP_PHONE_NUMBER_ID: '106540352242922', WHATSAPP_ACCESS_TOKEN: ' ' });
    expect(() => createWhatsAppClient(env, { redis, keyPrefix })).toThrow(
      /^WHATSAPP_ACCESS_TOKEN: is required when WHATSAPP_PHONE_NUMBER_ID names a real number/,
    );
  });

  it('refuses a token without a phone number ID instead of posting to /sandbox/messages', () => {
    const env = zWhatsAppEnv.parse({ WHATSAPP_ACCESS_TOKEN: 'EAAG-config-token' });
    expect(() => createWhatsAppClient(env, { redis, keyPrefix })).toThrow(/^WHATSAPP_PHONE_NUMBER_ID: is required/);
  });
});
