import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../../../test/test-env.js';
import { WhatsAppSendError } from './errors.js';
import { toGraphBody, type OutboundMessage } from './messages.js';
import { listSandboxMessages, SandboxWhatsAppClient } from './sandbox.js';

const redis = new Redis(TEST_REDIS_URL);
let keyPrefix: string;
let sandbox: SandboxWhatsAppClient;

const textTo = (to: string, text: string): OutboundMessage => ({ kind: 'text', to, text });

beforeEach(() => {
  keyPrefix = `sara-test-${randomUUID().slice(0, 8)}`;
  sandbox = new SandboxWhatsAppClient({ redis, keyPrefix });
});
afterEach(async () => {
  await redis.del(`${keyPrefix}:sandbox:messages`);
});
afterAll(async () => {
  await redis.quit();
});

describe('SandboxWhatsAppClient', () => {
  it('stores what the Graph client would have sent, under the documented key', async () => {
    const message: OutboundMessage = {
      kind: 'template',
      to: '+5511987654321',
      name: 'sara_carrinho_abandonado',
      language: 'pt_BR',
      bodyParameters: ['Maria'],
      urlButtonParameter: 'c/abc123',
    };
    const before = Date.now();
    const { wamid } = await sandbox.send(message);

    expect(sandbox.transport).toBe('sandbox');
    expect(wamid).toMatch(/^wamid\.SANDBOX\.[A-Za-z0-9_-]{20,}$/);
    const stored = await redis.lrange(`${keyPrefix}:sandbox:messages`, 0, -1);
    expect(stored).toHaveLength(1);
    const entry = JSON.parse(stored[0] ?? 'null');
    expect(entry).toEqual({ wamid, sentAt: expect.any(String), to: '+5511987654321', graphBody: toGraphBody(message) });
    expect(new Date(entry.sentAt).toISOString()).toBe(entry.sentAt);
    expect(Date.parse(entry.sentAt)).toBeGreaterThanOrEqual(before - 1);
  });

  it('gives every message its own id', async () => {
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => sandbox.send(textTo('+5511900000000', `m${i}`))));
    expect(new Set(ids.map((r) => r.wamid)).size).toBe(50);
  });

  it('lists newest first, with total and pagination', async () => {
    const wamids: string[] = [];
    for (let i = 0; i < 5; i += 1) wamids.push((await sandbox.send(textTo('+5511900000000', `m${i}`))).wamid);
    const newestFirst = [...wamids].reverse();

    const firstPage = await listSandboxMessages(redis, keyPrefix, { limit: 2, offset: 0 });
    expect(firstPage.total).toBe(5);
    expect(firstPage.messages.map((m) => m.wamid)).toEqual(newestFirst.slice(0, 2));
    expect(firstPage.messages[0]?.graphBody).toMatchObject({ text: { body: 'm4' } });

    const lastPage = await listSandboxMessages(redis, keyPrefix, { limit: 2, offset: 4 });
    expect(lastPage.messages.map((m) => m.wamid)).toEqual(newestFirst.slice(4));

    expect(await listSandboxMessages(redis, keyPrefix, { limit: 10, offset: 10 })).toEqual({ total: 5, messages: [] });
    expect(await listSandboxMessages(redis, keyPrefix, { limit: 0, offset: 0 })).toEqual({ total: 5, messages: [] });
  });

  it('keeps only the newest 1000 messages', async () => {
    const key = `${keyPrefix}:sandbox:messages`;
    await redis.lpush(key, ...Array.from({ length: 1000 }, (_, i) => JSON.stringify({ wamid: `old-${i}` })));
    const { wamid } = await sandbox.send(textTo('+5511900000000', 'newest'));

    expect(await redis.llen(key)).toBe(1000);
    const page = await listSandboxMessages(redis, keyPrefix, { limit: 1000, offset: 0 });
    expect(page.messages[0]?.wamid).toBe(wamid);
    // old-0 was pushed first, so it is the oldest and the one dropped.
    expect(page.messages.at(-1)?.wamid).toBe('old-1');
  });

  it('rejects an invalid message exactly like Graph would, storing nothing', async () => {
    const error = await sandbox
      .send({ kind: 'interactive', to: '+5511900000000', bodyText: 'ok', buttons: [{ id: 'a', title: 'x'.repeat(21) }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhatsAppSendError);
    expect(error).toMatchObject({ kind: 'permanent' });
    expect(await redis.exists(`${keyPrefix}:sandbox:messages`)).toBe(0);
  });

  it('reports Redis being unreachable as transient', async () => {
    const down = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
    down.on('error', () => {});
    const offline = new SandboxWhatsAppClient({ redis: down, keyPrefix });
    const error = await offline.send(textTo('+5511900000000', 'hi')).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'WhatsAppSendError', kind: 'transient' });
    down.disconnect();
  });

  it('refuses a negative offset rather than reading from the wrong end', async () => {
    await expect(listSandboxMessages(redis, keyPrefix, { limit: 5, offset: -1 })).rejects.toThrow(RangeError);
  });
});
