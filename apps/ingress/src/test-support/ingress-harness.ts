import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@sara/domain';
import { createProducerConnection, WebhookJobProducer } from '@sara/jobs';
import { createLogger } from '@sara/observability';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { createTestPrisma } from '../../../../test/support/database.js';
import { TEST_REDIS_URL } from '../../../../test/test-env.js';
import { createApp } from '../app.js';

export const TEST_SECRETS = {
  PAYMENT_WEBHOOK_SECRET: 'test-payment-secret-0123456789',
  WHATSAPP_APP_SECRET: 'test-meta-app-secret-0123456789',
  WHATSAPP_VERIFY_TOKEN: 'test-verify-token-0123',
  ADMIN_API_KEY: 'test-admin-key-0123456789abcdef',
  WEBHOOK_BODY_LIMIT: '64kb',
  HOTMART_HOTTOK: 'test-hotmart-hottok-0123456789',
  KIWIFY_WEBHOOK_TOKEN: 'test-kiwify-token-0123456789',
  EDUZZ_WEBHOOK_SECRET: 'test-eduzz-secret-0123456789',
  STRIPE_WEBHOOK_SECRET: 'whsec_test_0123456789abcdef',
  SHOPIFY_WEBHOOK_SECRET: 'test-shopify-secret-0123456789',
};

export type IngressHarness = {
  app: Express;
  prisma: PrismaClient;
  redis: Redis;
  producer: WebhookJobProducer;
  prefix: string;
  close: () => Promise<void>;
};

/** The real app over the real Postgres and Redis, with its own queue prefix. */
export function createIngressHarness(
  options: { databaseUrl?: string; redisUrl?: string; env?: Partial<Parameters<typeof createApp>[0]['env']> } = {},
): IngressHarness {
  const prisma = createTestPrisma(options.databaseUrl);
  const redis = createProducerConnection(options.redisUrl ?? TEST_REDIS_URL, { retryStrategy: () => 100 });
  redis.on('error', () => {});
  const prefix = `sara-test-${randomUUID().slice(0, 8)}`;
  const producer = new WebhookJobProducer(redis, prefix, 1_000);
  const logger = createLogger({ service: 'ingress-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = createApp({ env: { ...TEST_SECRETS, QUEUE_PREFIX: prefix, ...options.env }, prisma, redis, producer, logger });
  return {
    app,
    prisma,
    redis,
    producer,
    prefix,
    close: async () => {
      await producer.close().catch(() => {});
      redis.disconnect();
      await prisma.$disconnect();
    },
  };
}
