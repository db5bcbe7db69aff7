import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { MessageSender, rescheduleAfterMarketingLimit, type MessageTransport, type PrismaClient } from '@sara/domain';
import { buildWorker, type RecoveryStepQueue } from '@sara/jobs';
import type { Logger } from '@sara/observability';

/**
 * Consumes the outbound queue. BullMQ's limiter is global across every replica of this
 * worker, so the WhatsApp number never exceeds its messages-per-second budget: a burst of
 * abandonments waits in Redis instead of earning 130429 errors.
 */
export function startOutboundWorker(options: {
  connection: Redis;
  prefix: string;
  prisma: PrismaClient;
  client: MessageTransport;
  ratePerSecond: number;
  concurrency: number;
  logger: Logger;
  /** How soon a job of a dead replica is handed to another (BullMQ defaults: 30 s each). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Where a follow-up refused by Meta's marketing limit is scheduled again, a day later. */
  steps?: RecoveryStepQueue;
}): Worker {
  const { steps } = options;
  const sender = new MessageSender(
    options.prisma,
    options.client,
    steps
      ? async (messageId) => {
          const planned = await rescheduleAfterMarketingLimit(options.prisma, messageId, new Date());
          if (planned) await steps.schedule(planned);
        }
      : undefined,
  );
  return buildWorker({
    job: 'whatsappOutbound',
    process: (data, { logger, attempt, maxAttempts }) => sender.deliver(data.messageId, { number: attempt, max: maxAttempts, logger }),
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    logger: options.logger,
    ratePerSecond: options.ratePerSecond,
    ...(options.lockDurationMs ? { lockDurationMs: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledIntervalMs: options.stalledIntervalMs } : {}),
  });
}
