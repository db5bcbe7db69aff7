import { Redis, type RedisOptions } from 'ioredis';

/**
 * A producer connection fails fast: with Redis down, `queue.add` must reject at once so the
 * ingress answers from Postgres and leaves the row to the relay, instead of queueing the
 * command in memory where a crash would lose it.
 */
export function createProducerConnection(redisUrl: string, options: RedisOptions = {}): Redis {
  return new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...options,
  });
}

/** BullMQ workers block on Redis and must wait through outages rather than give up. */
export function createWorkerConnection(redisUrl: string, options: RedisOptions = {}): Redis {
  return new Redis(redisUrl, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...options,
  });
}
