import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RecoveryStepService } from '@sara/domain';
import { buildWorker, deferUntil, type OutboundMessageQueue, type RecoveryStepQueue } from '@sara/jobs';
import type { Logger } from '@sara/observability';

/**
 * Wakes each follow-up step at its due time. A step that must wait (quiet hours, the buyer's cap,
 * a sequence edited to a later delay) goes back to BullMQ's delayed set under the same job id;
 * a step sent queues its message for the rate-limited sender and plans the next step.
 */
export function startRecoveryStepWorker(options: {
  connection: Redis;
  prefix: string;
  service: RecoveryStepService;
  outbound: OutboundMessageQueue;
  steps: RecoveryStepQueue;
  concurrency: number;
  logger: Logger;
  /** The time the rules see; tests move it instead of sleeping. */
  clock?: () => Date;
  lockDurationMs?: number;
}): Worker {
  const clock = options.clock ?? (() => new Date());
  return buildWorker({
    job: 'recoveryStep',
    process: async (data, { logger }) => {
      const outcome = await options.service.run(data, clock(), logger);
      if (outcome.outcome === 'deferred') return deferUntil(outcome.until);
      if (outcome.outcome === 'sent') {
        await options.outbound.enqueue(outcome.messageId);
        if (outcome.next) await options.steps.schedule(outcome.next);
      }
      return outcome.outcome;
    },
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    logger: options.logger,
    ...(options.lockDurationMs ? { lockDurationMs: options.lockDurationMs } : {}),
  });
}
