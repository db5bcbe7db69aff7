import { AppError } from '@sara/domain';

/** What ioredis throws when it has no connection to send on, or lost it mid-command. */
const REDIS_DOWN_MESSAGE = /Stream isn't writeable|Connection is closed|Reached the max retries per request limit|ECONNREFUSED|ECONNRESET|ETIMEDOUT/;
const REDIS_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export function isRedisUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth++) {
    const { name, code, message } = current as { name?: unknown; code?: unknown; message?: unknown };
    if (name === 'MaxRetriesPerRequestError') return true;
    if (typeof code === 'string' && REDIS_DOWN_CODES.has(code)) return true;
    if (typeof message === 'string' && REDIS_DOWN_MESSAGE.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs work that only Redis serves (the queues, the sandbox's record). Without a connection the
 * producer fails at once (no offline queue), and that is an outage to wait out — 503, as /ready
 * says — not a bug of Sara's (500). Wrapped here because only the caller knows the failure came
 * from Redis: ECONNREFUSED alone would read as the database's.
 */
export async function fromRedis<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof AppError) && isRedisUnavailable(error)) {
      throw new AppError('SERVICE_UNAVAILABLE', 'Redis is unavailable; retry later', { status: 503, cause: error });
    }
    throw error;
  }
}
