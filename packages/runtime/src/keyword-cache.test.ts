import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectOptOut, OptOutKeywordCache } from '@sara/domain';
import { createProducerConnection, RedisCache } from '@sara/jobs';
import { createTestPrisma } from '../../../test/support/database.js';
import { waitFor } from '../../../test/support/wait-for.js';
import { TEST_REDIS_URL } from '../../../test/test-env.js';

const SEEDED = ['parar', 'remover', 'cancelar', 'sair', 'stop', 'não quero', 'me tire', 'excluir', 'desinscrever', 'unsubscribe'];
const byText = (a: string, b: string) => a.localeCompare(b);

const prisma = createTestPrisma();
const redis = createProducerConnection(TEST_REDIS_URL);
const prefix = `sara-test-${randomUUID().slice(0, 8)}`;
const cache = new OptOutKeywordCache(prisma, new RedisCache(redis), prefix);
// opt_out_keywords is shared with every other test and truncateAll leaves it alone: rows added
// here carry this marker and are deleted after each test, so the seed is left exactly as found.
const marker = `teste ${randomUUID().slice(0, 8)}`;

async function addKeyword(suffix: string, active = true): Promise<string> {
  const keyword = `${marker} ${suffix}`;
  await prisma.optOutKeyword.create({ data: { keyword, active } });
  return keyword;
}

/** A Redis client aimed at a port nothing listens on, failing every command at once. */
async function unreachableRedis(): Promise<Redis> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  const down = new Redis({ host: '127.0.0.1', port, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
  down.on('error', () => {});
  return down;
}

beforeEach(async () => {
  await waitFor(() => redis.status === 'ready');
  await cache.invalidate();
});
afterEach(async () => {
  await prisma.optOutKeyword.deleteMany({ where: { keyword: { startsWith: marker } } });
});
afterAll(async () => {
  await redis.del(`${prefix}:opt-out-keywords`);
  redis.disconnect();
  await prisma.$disconnect();
});

describe('OptOutKeywordCache', () => {
  it('reads the active keywords from the table and keeps them in Redis for 24 hours', async () => {
    expect((await cache.active()).sort(byText)).toEqual([...SEEDED].sort(byText));
    const ttl = await redis.ttl(`${prefix}:opt-out-keywords`);
    expect(ttl).toBeGreaterThan(86_300);
    expect(ttl).toBeLessThanOrEqual(86_400);
  });

  it('does not see a keyword added to the table until the cache is invalidated', async () => {
    await cache.active();
    const added = await addKeyword('chega de mensagem');
    expect(await cache.active()).not.toContain(added);
    await cache.invalidate();
    expect(await cache.active()).toContain(added);
  });

  it('leaves inactive keywords out', async () => {
    const inactive = await addKeyword('inativa', false);
    const active = await addKeyword('ativa');
    const keywords = await cache.active();
    expect(keywords).toContain(active);
    expect(keywords).not.toContain(inactive);
  });

  it('reads the table on every call while Redis is down, so detection keeps working', async () => {
    const down = await unreachableRedis();
    try {
      const uncached = new OptOutKeywordCache(prisma, new RedisCache(down), prefix);
      expect((await uncached.active()).sort(byText)).toEqual([...SEEDED].sort(byText));
      const added = await addKeyword('sem cache');
      expect(await uncached.active()).toContain(added);
      await expect(uncached.invalidate()).rejects.toThrow();
    } finally {
      down.disconnect();
    }
  });

  it('feeds the detector, so a keyword added by hand opts a buyer out once invalidated', async () => {
    await cache.active();
    const added = await addKeyword('me deixa');
    const message = `${added}!!`;
    expect(detectOptOut(message, await cache.active()).optOut).toBe(false);
    await cache.invalidate();
    expect(detectOptOut(message, await cache.active())).toEqual({ optOut: true, keyword: added, rule: 'whole-message' });
  });
});
