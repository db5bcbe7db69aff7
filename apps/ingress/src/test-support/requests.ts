import { Queue } from 'bullmq';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { signBody } from '../http/signature.js';
import { QUEUES, type QueueName } from '@sara/jobs';

export { signBody as sign } from '../http/signature.js';

export function postSigned(app: Express, path: string, raw: string, secret: string, headers: Record<string, string> = {}) {
  return request(app).post(path).set('Content-Type', 'application/json').set('X-Hub-Signature-256', signBody(secret, raw)).set(headers).send(raw);
}

export function abandonmentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    userId: 'customer_123',
    name: 'João Silva',
    phone: '+5511999999999',
    productId: 'prod_456',
    paymentLink: 'https://pay.example.com/cart/abc123',
    abandonmentId: `abn_${Math.random().toString(36).slice(2)}`,
    timestamp: '2026-02-05T10:30:00Z',
    value: 250.0,
    ...overrides,
  };
}

/** Jobs waiting in one queue under a harness' prefix. */
export async function queuedJobs(redis: Redis, prefix: string, queue: QueueName = QUEUES.abandonment) {
  const reader = new Queue(queue, { connection: redis, prefix });
  try {
    return await reader.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
  } finally {
    await reader.close();
  }
}

export async function clearQueues(redis: Redis, prefix: string): Promise<void> {
  for (const name of Object.values(QUEUES)) {
    const queue = new Queue(name, { connection: redis, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
  }
}
