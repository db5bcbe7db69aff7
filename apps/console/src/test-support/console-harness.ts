import { randomUUID } from 'node:crypto';
import { OperatorAccounts, type OperatorRole, type PrismaClient } from '@sara/domain';
import { createProducerConnection, OutboundMessageQueue } from '@sara/jobs';
import { createLogger } from '@sara/observability';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createTestPrisma, truncateAll } from '../../../../test/support/database.js';
import { TEST_REDIS_URL } from '../../../../test/test-env.js';
import { TEST_TEMPLATES } from '../../../ingress/src/test-support/test-recovery.js';
import { createConsoleApp, type ConsoleDeps } from '../app.js';
import { ChangeFeed } from '../live/change-feed.js';

export const TEST_CONSOLE_ENV = {
  NODE_ENV: 'test',
  CONSOLE_SESSION_SECRET: 'test-console-session-secret-0123456789',
  CONSOLE_SESSION_IDLE_MINUTES: 60,
  CONSOLE_LOGIN_ATTEMPTS_PER_MINUTE: 5,
} as const;

export const PASSWORD = 'correct horse battery';

export type SignedIn = { agent: request.Agent; csrfToken: string; operatorId: string };

/** The real console app over the real Postgres and Redis, on its own queue prefix. */
export class ConsoleHarness {
  readonly prisma: PrismaClient = createTestPrisma();
  readonly redis: Redis = createProducerConnection(TEST_REDIS_URL, { retryStrategy: () => 100 });
  readonly prefix = `sara-test-${randomUUID().slice(0, 8)}`;
  readonly outbound = new OutboundMessageQueue(this.redis, this.prefix);
  readonly logger = createLogger({ service: 'console-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  readonly feed = new ChangeFeed(this.prisma, this.logger, { intervalMs: 100, lookBackMs: 5_000 });
  readonly app: Express;

  constructor(options: Partial<Pick<ConsoleDeps, 'webRoot'>> = {}) {
    this.redis.on('error', () => {});
    this.app = createConsoleApp({
      env: { ...TEST_CONSOLE_ENV, QUEUE_PREFIX: this.prefix },
      prisma: this.prisma,
      redis: this.redis,
      outbound: this.outbound,
      templates: TEST_TEMPLATES,
      logger: this.logger,
      feed: this.feed,
      ...options,
    });
  }

  async account(role: OperatorRole, email = `${role}-${randomUUID().slice(0, 6)}@loja.test`, name = role === 'admin' ? 'Beatriz Admin' : 'Ana Atendente') {
    return new OperatorAccounts(this.prisma).create({ email, password: PASSWORD, role, name });
  }

  /** A cookie-keeping client, signed in as a new account of that role. */
  async signIn(role: OperatorRole): Promise<SignedIn> {
    const operator = await this.account(role);
    const agent = request.agent(this.app);
    const login = await agent.post('/api/session').send({ email: operator.email, password: PASSWORD });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
    return { agent, csrfToken: login.body.csrfToken as string, operatorId: operator.id };
  }

  /**
   * Waits for the audit rows of the requests answered so far: a client may read its answer
   * before the server's 'finish' event, which is when a row is started.
   */
  async settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 50));
    await (this.app.locals.flushAudit as () => Promise<void>)();
  }

  /** An empty database, once the previous test's last audit rows are in. */
  async reset(): Promise<void> {
    await this.settle();
    await truncateAll(this.prisma);
  }

  async close(): Promise<void> {
    this.feed.close();
    await (this.app.locals.flushAudit as () => Promise<void>)();
    await this.outbound.queue.obliterate({ force: true }).catch(() => {});
    await this.outbound.close();
    this.redis.disconnect();
    await this.prisma.$disconnect();
  }
}
