import { Queue, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { purgeExpired, type PrismaClient } from '@sara/domain';
import { buildWorker, JOBS } from '@sara/jobs';
import { metrics, type Logger } from '@sara/observability';

/**
 * The scheduler's fixed id. Every replica upserts the same one at boot, so BullMQ keeps a
 * single schedule per installation and produces one job per period, which exactly one worker
 * takes — however many replicas run. Never rename it: a second id would be a second schedule.
 */
export const RETENTION_SCHEDULER_ID = 'retention-daily';
const DAY_MS = 86_400_000;

/**
 * Purges buyers' words and raw payloads older than the retention period, once a day. A BullMQ
 * job scheduler rather than a timer on each replica: the schedule lives in Redis next to the
 * other jobs, a run is retried, traced and counted like any job, and it needs no lock of its own.
 */
export function startRetentionWorker(options: {
  connection: Redis;
  /** The producer's connection, for the scheduler (a worker's connection blocks). */
  redis: Redis;
  prefix: string;
  prisma: PrismaClient;
  retentionDays: number;
  logger: Logger;
  /** How often a purge runs; tests shorten it. */
  everyMs?: number;
  batchSize?: number;
  clock?: () => Date;
}): Worker {
  const clock = options.clock ?? (() => new Date());
  const queue = new Queue(JOBS.retention.queue, { connection: options.redis, prefix: options.prefix, defaultJobOptions: JOBS.retention.options });
  // Connection errors are logged by the connection's owner.
  queue.on('error', () => {});
  // Idempotent: a replica booting again, or the tenth one, rewrites the same schedule. A failure
  // (Redis away at boot) is logged; the next replica to boot, or this one's restart, schedules it.
  queue
    .upsertJobScheduler(RETENTION_SCHEDULER_ID, { every: options.everyMs ?? DAY_MS }, { name: 'purge', data: {}, opts: JOBS.retention.options })
    .catch((error: unknown) => options.logger.error({ err: error }, 'could not schedule the retention purge'));
  const worker = buildWorker({
    job: 'retention',
    process: async (_data, { logger }) => {
      const olderThan = new Date(clock().getTime() - options.retentionDays * DAY_MS);
      const purged = await purgeExpired(options.prisma, { olderThan, ...(options.batchSize ? { batchSize: options.batchSize } : {}) });
      metrics.retentionPurged.inc({ table: 'messages' }, purged.messages);
      metrics.retentionPurged.inc({ table: 'webhooks_log' }, purged.webhooks);
      logger.info({ ...purged, olderThan: olderThan.toISOString() }, 'retention purge done');
      return purged;
    },
    connection: options.connection,
    prefix: options.prefix,
    // One purge at a time per replica; the scheduler makes it one per installation.
    concurrency: 1,
    logger: options.logger,
  });
  worker.on('closed', () => {
    queue.close().catch(() => {});
  });
  return worker;
}
