import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { toSendableGraphBody, type WhatsAppClient } from './client.js';
import { WhatsAppSendError } from './errors.js';
import type { OutboundMessage } from './messages.js';

/** One message the sandbox accepted, as `listSandboxMessages` returns it. */
export type SandboxMessage = {
  wamid: string;
  /** ISO 8601. */
  sentAt: string;
  /** E.164 with the plus, as the caller addressed it. */
  to: string;
  /** Exactly what the Graph client would have POSTed. */
  graphBody: Record<string, unknown>;
};

/** Enough history to follow a demo or a test run; the list must not grow without bound. */
const SANDBOX_KEEP = 1000;

function sandboxKey(keyPrefix: string): string {
  return `${keyPrefix}:sandbox:messages`;
}

/**
 * The transport when no access token is configured, so Sara runs end to end without a Meta
 * account. It validates exactly as the Graph client does, so a message that works here does
 * not start failing the day a token is added.
 */
export class SandboxWhatsAppClient implements WhatsAppClient {
  readonly transport = 'sandbox' as const;
  readonly #redis: Redis;
  readonly #key: string;

  constructor({ redis, keyPrefix }: { redis: Redis; keyPrefix: string }) {
    this.#redis = redis;
    this.#key = sandboxKey(keyPrefix);
  }

  async send(message: OutboundMessage): Promise<{ wamid: string }> {
    const graphBody = toSendableGraphBody(message);
    const entry: SandboxMessage = {
      wamid: `wamid.SANDBOX.${randomBytes(18).toString('base64url')}`,
      sentAt: new Date().toISOString(),
      to: message.to,
      graphBody,
    };
    try {
      const results = await this.#redis
        .multi()
        .lpush(this.#key, JSON.stringify(entry))
        .ltrim(this.#key, 0, SANDBOX_KEEP - 1)
        .exec();
      const failure = results === null ? new Error('transaction discarded') : results.find(([error]) => error)?.[0];
      if (failure) throw failure;
    } catch (error) {
      // Redis being down is an outage, not a bad message: let the job retry like a Graph 5xx.
      throw new WhatsAppSendError({ kind: 'transient', reason: 'sandbox store (Redis) unavailable', cause: error });
    }
    return { wamid: entry.wamid };
  }
}

/** The sandbox's outbox, newest first. */
export async function listSandboxMessages(
  redis: Redis,
  keyPrefix: string,
  { limit, offset }: { limit: number; offset: number },
): Promise<{ total: number; messages: SandboxMessage[] }> {
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError('limit must be a whole number ≥ 0');
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError('offset must be a whole number ≥ 0');
  const key = sandboxKey(keyPrefix);
  // LRANGE's stop index is inclusive, so a zero limit has to skip the read entirely.
  if (limit === 0) return { total: await redis.llen(key), messages: [] };

  const results = await redis
    .multi()
    .llen(key)
    .lrange(key, offset, offset + limit - 1)
    .exec();
  if (results === null) throw new Error('Redis discarded the sandbox read transaction');
  const [[lengthError, total], [rangeError, entries]] = results as [[Error | null, number], [Error | null, string[]]];
  if (lengthError) throw lengthError;
  if (rangeError) throw rangeError;
  return { total, messages: entries.map((entry) => JSON.parse(entry) as SandboxMessage) };
}

/** Removes every message the sandbox recorded for this recipient (a buyer's erasure); how many went. */
export async function deleteSandboxMessagesTo(redis: Redis, keyPrefix: string, to: string): Promise<number> {
  const key = sandboxKey(keyPrefix);
  const entries = await redis.lrange(key, 0, -1);
  const theirs = entries.filter((entry) => (JSON.parse(entry) as SandboxMessage).to === to);
  // LREM by value, not by index: a send landing meanwhile shifts indexes but not the entries.
  for (const entry of new Set(theirs)) await redis.lrem(key, 0, entry);
  return theirs.length;
}
