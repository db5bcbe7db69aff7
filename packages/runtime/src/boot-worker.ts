import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createPrismaClient, WebhookLogRepository, type PrismaClient } from '@sara/domain';
import { createProducerConnection, createWorkerConnection, JOBS, runWebhookWorker, type JobData, type WebhookHandler, type WebhookJobName } from '@sara/jobs';
import { createLogger, initMetrics, probe, startErrorTracking, startHealthServer, stopOnSignals, type Logger } from '@sara/observability';

export type WorkerDeps = { prisma: PrismaClient; logger: Logger; redis: Redis; queuePrefix: string; lockDurationMs?: number };

export type WorkerEnv = {
  LOG_LEVEL: string;
  DATABASE_URL: string;
  DATABASE_POOL_MAX: number;
  DATABASE_CONNECT_TIMEOUT_MS: number;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  WORKER_CONCURRENCY: number;
  METRICS_PORT: number;
  WORKER_LOCK_DURATION_MS: number;
};

/**
 * Boots one worker app: Prisma, a blocking Redis connection, the BullMQ worker for its queue,
 * and a clean stop on SIGTERM/SIGINT (in-flight jobs finish; unfinished ones return to the
 * queue for another replica).
 */
export async function bootWebhookWorker<N extends WebhookJobName>(options: {
  service: string;
  job: N;
  env: WorkerEnv;
  buildHandler: (deps: WorkerDeps) => WebhookHandler<JobData<N>>;
  /** More BullMQ workers this app runs beside its webhook worker (e.g. the outbound sender). */
  startCompanions?: (deps: WorkerDeps & { workerConnection: Redis }) => Worker[];
}): Promise<{ stop: () => Promise<void>; metricsPort: number }> {
  const { env } = options;
  initMetrics(options.service);
  startErrorTracking(options.service);
  const logger = createLogger({ service: options.service, level: env.LOG_LEVEL });
  const prisma = createPrismaClient({
    databaseUrl: env.DATABASE_URL,
    poolMax: env.DATABASE_POOL_MAX,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
  });
  const connection = createWorkerConnection(env.REDIS_URL);
  connection.on('error', (error) => logger.warn({ err: { message: error.message } }, 'redis connection error'));
  // Fails fast while Redis is down (cache reads fall back to Postgres; enqueues throw and the job retries).
  const redis = createProducerConnection(env.REDIS_URL);
  redis.on('error', () => {});
  const deps: WorkerDeps = { prisma, logger, redis, queuePrefix: env.QUEUE_PREFIX, lockDurationMs: env.WORKER_LOCK_DURATION_MS };

  // Up before the queues: /health answers and /ready tells the truth while Redis is still away.
  const health = await startHealthServer(env.METRICS_PORT, async () => ({
    postgres: await probe(() => prisma.$queryRaw`SELECT 1`),
    redis: await probe(() => redis.ping()),
  }));
  const worker = runWebhookWorker({
    job: options.job,
    handler: options.buildHandler(deps),
    connection,
    prefix: env.QUEUE_PREFIX,
    concurrency: env.WORKER_CONCURRENCY,
    ledger: new WebhookLogRepository(prisma),
    logger,
    lockDurationMs: env.WORKER_LOCK_DURATION_MS,
  });
  const companions = options.startCompanions?.({ ...deps, workerConnection: connection }) ?? [];
  await Promise.all([worker, ...companions].map((each) => each.waitUntilReady()));
  logger.info({ queue: JOBS[options.job].queue, concurrency: env.WORKER_CONCURRENCY, metricsPort: health.port }, 'worker consuming');

  // In-flight jobs finish; a handler stuck past 25 s loses its lock, and another replica takes the job.
  const stop = stopOnSignals({
    logger,
    service: 'worker',
    forceAfterMs: 25_000,
    stop: async () => {
      await Promise.all([worker, ...companions].map((each) => each.close()));
      health.server.close();
      connection.disconnect();
      redis.disconnect();
      await prisma.$disconnect();
    },
  });
  return { stop, metricsPort: health.port };
}
