import { randomUUID } from 'node:crypto';
import { Queue, type Worker } from 'bullmq';
import { createPrismaClient, WebhookLogRepository, type PrismaClient, type ConversationSettings, type TemplateSettings } from '@sara/domain';
import {
  createProducerConnection,
  createWorkerConnection,
  OutboundMessageQueue,
  QUEUES,
  RecoveryStepQueue,
  runWebhookWorker,
  WebhookJobProducer,
} from '@sara/jobs';
import { startOutboundWorker, startRecoveryStepWorker, type WorkerDeps } from '@sara/runtime';
import { OfflineBrain, type ConversationBrain } from '@sara/ai';
import { createLogger, type Logger } from '@sara/observability';
import { GraphWhatsAppClient, SandboxWhatsAppClient, type WhatsAppClient } from '@sara/whatsapp';
import { FakeGraphServer } from '../../packages/whatsapp/src/test-support/fake-graph-server.js';
import { createApp } from '../../apps/ingress/src/app.js';
import { buildAbandonmentHandler, recoverySteps, type RecoveryOptions } from '../../apps/worker-abandonment/src/abandonment.handler.js';
import { buildPaymentHandler } from '../../apps/worker-payment/src/payment.handler.js';
import { buildConversationHandler } from '../../apps/worker-conversation/src/conversation.handler.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../test-env.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { TEST_RECOVERY, TEST_RECOVERY_DEFAULTS, TEST_TEMPLATES } from '../../apps/ingress/src/test-support/test-recovery.js';
import { truncateAll } from './database.js';
import { waitFor } from './wait-for.js';

export const TEMPLATES: TemplateSettings = TEST_TEMPLATES;
/** A week, as in production. */
export const MATCHING = { matchWindowMs: 168 * 3_600_000 };
export const GRAPH_TOKEN = 'EAAG-test-token';
export const PHONE_NUMBER_ID = '106540352242922';

/**
 * The whole recovery path in one process, over the real Postgres and Redis: the ingress app,
 * the abandonment and payment workers, the outbound sender (talking HTTP to a fake Graph
 * API), all on one fresh queue prefix. `replicas` starts that many copies of each worker.
 */
export class RecoveryStack {
  readonly prefix = `sara-test-${randomUUID().slice(0, 8)}`;
  readonly graph = new FakeGraphServer();
  readonly logger: Logger;
  readonly prisma: PrismaClient = createPrismaClient({ databaseUrl: TEST_DATABASE_URL, poolMax: 10, connectTimeoutMs: 2_000 });
  readonly redis: ReturnType<typeof createProducerConnection>;
  readonly workerConnection: ReturnType<typeof createWorkerConnection>;
  readonly producer: WebhookJobProducer;
  readonly app: ReturnType<typeof createApp>;

  /** `redisUrl` lets a test put a cuttable proxy between Sara and Redis; `env` overrides the ingress' settings; `logger` replaces the silent one. */
  constructor(options: { redisUrl?: string; env?: Partial<Parameters<typeof createApp>[0]['env']>; logger?: Logger } = {}) {
    // A test may hand its own logger, e.g. one that keeps every line to inspect what Sara logs.
    this.logger = options.logger ?? createLogger({ service: 'test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    this.redis = createProducerConnection(options.redisUrl ?? TEST_REDIS_URL, { retryStrategy: () => 100 });
    this.workerConnection = createWorkerConnection(options.redisUrl ?? TEST_REDIS_URL, { retryStrategy: () => 100 });
    this.redis.on('error', () => {});
    this.workerConnection.on('error', () => {});
    this.producer = new WebhookJobProducer(this.redis, this.prefix);
    this.app = createApp({
      env: { ...TEST_SECRETS, QUEUE_PREFIX: this.prefix, ...options.env },
      prisma: this.prisma,
      redis: this.redis,
      producer: this.producer,
      logger: this.logger,
      recovery: TEST_RECOVERY,
    });
  }

  readonly workers: Worker[] = [];
  client!: WhatsAppClient;
  private lockDurationMs: number | undefined;

  async start(
    options: {
      replicas?: number;
      timeoutMs?: number;
      transport?: 'graph' | 'sandbox';
      brain?: ConversationBrain;
      conversation?: Partial<ConversationSettings>;
      /** A job in flight when Redis drops stays active until its lock expires; short locks let a test see it recovered. */
      lockDurationMs?: number;
    } = {},
  ): Promise<this> {
    this.lockDurationMs = options.lockDurationMs;
    await truncateAll(this.prisma);
    await this.graph.start();
    await waitFor(() => this.redis.status === 'ready');
    this.client =
      options.transport === 'sandbox'
        ? new SandboxWhatsAppClient({ redis: this.redis, keyPrefix: this.prefix })
        : new GraphWhatsAppClient({ apiUrl: this.graph.url, phoneNumberId: PHONE_NUMBER_ID, accessToken: GRAPH_TOKEN, timeoutMs: options.timeoutMs ?? 5_000 });
    for (let replica = 0; replica < (options.replicas ?? 1); replica++) {
      this.startAbandonmentWorker();
      this.startRecoveryStepWorker();
      this.startPaymentWorker();
      this.startOutboundWorker();
      this.startConversationWorker(options.brain ?? new OfflineBrain(), options.conversation);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    return this;
  }

  private deps(): WorkerDeps {
    return { prisma: this.prisma, logger: this.logger, redis: this.redis, queuePrefix: this.prefix };
  }

  /** What every webhook worker of this stack shares: connection, prefix, ledger and lock. */
  private webhookWorker() {
    return {
      connection: this.workerConnection,
      prefix: this.prefix,
      concurrency: 5,
      ledger: new WebhookLogRepository(this.prisma),
      logger: this.logger,
      lockDurationMs: this.lockDurationMs,
    };
  }

  /** The time the recovery rules see (quiet hours, caps, due steps); a test moves it instead of sleeping. */
  now: () => Date = () => new Date();

  private recovery(): RecoveryOptions {
    return { templates: TEMPLATES, ...MATCHING, defaults: TEST_RECOVERY_DEFAULTS, clock: () => this.now() };
  }

  startAbandonmentWorker(): Worker {
    const handler = buildAbandonmentHandler(this.recovery())(this.deps());
    return this.track(runWebhookWorker({ job: 'abandonment', handler, ...this.webhookWorker() }));
  }

  startRecoveryStepWorker(): Worker {
    return this.track(
      startRecoveryStepWorker({
        connection: this.workerConnection,
        prefix: this.prefix,
        service: recoverySteps(this.deps(), this.recovery()),
        outbound: new OutboundMessageQueue(this.redis, this.prefix),
        steps: new RecoveryStepQueue(this.redis, this.prefix),
        concurrency: 5,
        logger: this.logger,
        clock: () => this.now(),
        ...(this.lockDurationMs ? { lockDurationMs: this.lockDurationMs } : {}),
      }),
    );
  }

  startPaymentWorker(): Worker {
    const handler = buildPaymentHandler(TEMPLATES, MATCHING)(this.deps());
    return this.track(runWebhookWorker({ job: 'payment', handler, ...this.webhookWorker() }));
  }

  startConversationWorker(brain: ConversationBrain, settings: Partial<ConversationSettings> = {}): Worker {
    const handler = buildConversationHandler(brain, { maxExchanges: 5, replyMaxChars: 700, discount: { minCartValue: 500, maxOffers: 3 }, ...settings })(
      this.deps(),
    );
    return this.track(runWebhookWorker({ job: 'whatsappInbound', handler, ...this.webhookWorker() }));
  }

  startOutboundWorker(options: { lockDurationMs?: number; stalledIntervalMs?: number; ratePerSecond?: number } = {}): Worker {
    const worker = startOutboundWorker({
      connection: this.workerConnection,
      prefix: this.prefix,
      prisma: this.prisma,
      client: this.client,
      concurrency: 5,
      logger: this.logger,
      lockDurationMs: this.lockDurationMs,
      stalledIntervalMs: this.lockDurationMs,
      steps: new RecoveryStepQueue(this.redis, this.prefix),
      ...options,
      ratePerSecond: options.ratePerSecond ?? 1_000,
    });
    return this.track(worker);
  }

  private track(worker: Worker): Worker {
    worker.on('error', () => {});
    this.workers.push(worker);
    return worker;
  }

  async job(queueName: string, id: string) {
    const queue = new Queue(queueName, { connection: this.redis, prefix: this.prefix });
    try {
      return await queue.getJob(id);
    } finally {
      await queue.close();
    }
  }

  /** Waits until no queue of this stack has waiting, delayed or active jobs. */
  async waitForQueuesIdle(timeoutMs = 20_000): Promise<void> {
    const queues = Object.values(QUEUES).map((name) => new Queue(name, { connection: this.redis, prefix: this.prefix }));
    try {
      await waitFor(
        async () => {
          for (const queue of queues) {
            // Follow-ups wait hours in the delayed set by design: they are not work in flight.
            const states =
              queue.name === QUEUES.recoveryStep
                ? (['waiting', 'active'] as const)
                : (['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'] as const);
            const counts = await queue.getJobCounts(...states);
            if (Object.values(counts).some((count) => count > 0)) return false;
          }
          return true;
        },
        timeoutMs,
        'queues idle',
      );
    } finally {
      await Promise.all(queues.map((queue) => queue.close()));
    }
  }

  private stopped = false;

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.workers.splice(0).map((worker) => worker.close(true).catch(() => {})));
    await this.producer.close().catch(() => {});
    const cleaner = Object.values(QUEUES).map((name) => new Queue(name, { connection: this.redis, prefix: this.prefix }));
    for (const queue of cleaner) {
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
    }
    await this.redis.del(`${this.prefix}:sandbox:messages`).catch(() => {});
    await this.graph.stop();
    this.redis.disconnect();
    this.workerConnection.disconnect();
    await this.prisma.$disconnect();
  }
}
