import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_OPTIONS, QUEUES, runInstrumented, ZOutboundMessageJob } from '@sara/jobs';
import type { Logger } from '@sara/observability';
import type { WhatsAppClient } from '@sara/whatsapp';
import type { PrismaClient } from '../generated/prisma/client.js';
import { MessageSender } from './message-sender.js';

/**
 * Consumes the outbound queue. BullMQ's limiter is global across every replica of this
 * worker, so the WhatsApp number never exceeds its messages-per-second budget: a burst of
 * abandonments waits in Redis instead of earning 130429 errors.
 */
export function startOutboundWorker(options: {
  connection: Redis;
  prefix: string;
  prisma: PrismaClient;
  client: WhatsAppClient;
  ratePerSecond: number;
  concurrency: number;
  logger: Logger;
  /** How soon a job of a dead replica is handed to another (BullMQ defaults: 30 s each). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}): Worker {
  const sender = new MessageSender(options.prisma, options.client);
  const maxAttempts = JOB_OPTIONS[QUEUES.whatsappOutbound].attempts ?? 1;
  const worker = new Worker(
    QUEUES.whatsappOutbound,
    async (job) =>
      runInstrumented(QUEUES.whatsappOutbound, job, async () => {
        const parsed = ZOutboundMessageJob.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError('invalid send job data');
        const logger = options.logger.child({ queue: QUEUES.whatsappOutbound, jobId: job.id, attempt: job.attemptsMade + 1, requestId: parsed.data.requestId });
        return sender.deliver(parsed.data.messageId, { number: job.attemptsMade + 1, max: job.opts.attempts ?? maxAttempts, logger });
      }),
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      limiter: { max: options.ratePerSecond, duration: 1_000 },
      ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
    },
  );
  worker.on('error', (error) => options.logger.error({ err: { name: error.name, message: error.message } }, 'outbound worker error'));
  return worker;
}
