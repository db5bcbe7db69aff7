import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrain, zAiEnv } from './config.js';
import { OfflineBrain } from '@sara/ai';
import { OpenAiBrain } from './openai-brain.js';
import { FakeOpenAiServer } from './test-support/fake-openai-server.js';

const server = new FakeOpenAiServer({ apiKey: 'sk-from-env' });
beforeAll(() => server.start());
afterAll(() => server.stop());

describe('zAiEnv', () => {
  it('defaults to no key, the OpenAI host, gpt-4o-mini and 5 s', () => {
    expect(zAiEnv.parse({})).toEqual({
      OPENAI_API_KEY: undefined,
      OPENAI_BASE_URL: 'https://api.openai.com/v1',
      OPENAI_MODEL: 'gpt-4o-mini',
      AI_TIMEOUT_MS: 5000,
    });
  });

  it('treats an empty key as absent and coerces the timeout', () => {
    const env = zAiEnv.parse({ OPENAI_API_KEY: '  ', AI_TIMEOUT_MS: '2500', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' });
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(env.AI_TIMEOUT_MS).toBe(2500);
    expect(env.OPENAI_BASE_URL).toBe('http://127.0.0.1:11434/v1');
  });

  it.each([
    ['OPENAI_BASE_URL', 'api.openai.com'],
    ['OPENAI_BASE_URL', 'ftp://example.com/v1'],
    ['AI_TIMEOUT_MS', '0'],
    ['AI_TIMEOUT_MS', 'soon'],
    ['AI_TIMEOUT_MS', '1.5'],
    ['OPENAI_MODEL', ' '],
  ])('rejects %s=%j', (variable, value) => {
    const result = zAiEnv.safeParse({ [variable]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([variable]);
  });

  it('can be extended by an app schema', () => {
    expect(Object.keys(zAiEnv.extend({}).shape)).toEqual(['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MODEL', 'AI_TIMEOUT_MS']);
  });
});

describe('createBrain', () => {
  it('uses the offline brain without a key', () => {
    const brain = createBrain(zAiEnv.parse({ OPENAI_API_KEY: '' }));
    expect(brain).toBeInstanceOf(OfflineBrain);
    expect(brain.kind).toBe('offline');
  });

  it('uses OpenAI when a key is set, with the configured server, key and model', async () => {
    const brain = createBrain(zAiEnv.parse({ OPENAI_API_KEY: ' sk-from-env ', OPENAI_BASE_URL: server.baseUrl, OPENAI_MODEL: 'llama3.1:8b' }));
    expect(brain).toBeInstanceOf(OpenAiBrain);
    expect(brain.kind).toBe('openai');

    const decision = await brain.decide({ buyerFirstName: 'Ana', productName: 'Tênis', productValue: 300, hasDiscount: false, history: [], message: 'oi' });

    expect(decision).toMatchObject({ source: 'openai', model: 'llama3.1:8b' });
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer sk-from-env');
  });
});
