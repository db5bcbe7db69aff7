import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@sara/domain';
import { createProducerConnection, WebhookJobProducer } from '@sara/jobs';
import { GATEWAYS, type Platform } from '@sara/gateways';
import { createLogger } from '@sara/observability';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { createTestPrisma } from '../../../../test/support/database.js';
import { TEST_REDIS_URL } from '../../../../test/test-env.js';
import { TEST_RECOVERY } from './test-recovery.js';
import { createApp } from '../app.js';

/** Every registered checkout platform's secret, under the variable its adapter declares. */
const PLATFORM_SECRETS = Object.fromEntries(
  Object.values(GATEWAYS).map((adapter) => [adapter.secretEnv, `test-${adapter.platform}-secret-0123456789`]),
) as Record<(typeof GATEWAYS)[Platform]['secretEnv'], string>;

export const TEST_SECRETS = {
  PAYMENT_WEBHOOK_SECRET: 'test-payment-secret-0123456789',
  WHATSAPP_APP_SECRET: 'test-meta-app-secret-0123456789',
  WHATSAPP_VERIFY_TOKEN: 'test-verify-token-0123',
  ADMIN_API_KEY: 'test-admin-key-0123456789abcdef',
  ERASURE_HASH_KEY: 'test-erasure-key-0123456789',
  WEBHOOK_BODY_LIMIT: '64kb',
  ...PLATFORM_SECRETS,
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
  const app = createApp({ env: { ...TEST_SECRETS, QUEUE_PREFIX: prefix, ...options.env }, prisma, redis, producer, logger, recovery: TEST_RECOVERY });
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
