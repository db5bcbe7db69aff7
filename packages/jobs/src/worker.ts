import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { metrics } from '@sara/observability';
import { runInstrumented } from './job-instrumentation.js';
import type { QueueName } from './queues.js';

/** What the worker needs from webhooks_log: the processed flag is the real dedupe. */
export interface WebhookLedger {
  isProcessed(webhookLogId: string): Promise<boolean>;
  markProcessed(webhookLogId: string): Promise<void>;
  recordFailure(webhookLogId: string, reason: string): Promise<void>;
}

export type WebhookHandler<T> = (job: T, context: { logger: Logger; attempt: number }) => Promise<void>;

export type WebhookWorkerOptions<S extends z.ZodType<{ webhookLogId: string }>> = {
  queue: QueueName;
  schema: S;
  handler: WebhookHandler<z.infer<S>>;
  connection: Redis;
  prefix: string;
  concurrency: number;
  ledger: WebhookLedger;
  logger: Logger;
  /** How soon a killed replica's job goes to another; also the stalled-check interval. */
  lockDurationMs?: number;
};

/**
 * Builds the BullMQ worker every Sara worker app runs: re-validates the job on dequeue,
 * skips rows already processed (BullMQ forgets removed job ids; the database does not),
 * hands the typed payload to the handler and marks the row processed.
 */
export function runWebhookWorker<S extends z.ZodType<{ webhookLogId: string }>>(options: WebhookWorkerOptions<S>): Worker {
  const { queue, schema, handler, ledger, logger } = options;

  const worker = new Worker(
    queue,
    async (job: Job) =>
      runInstrumented(queue, job, async () => {
        // Never log job.data: it holds phone numbers and message texts.
        const jobLogger = logger.child({
          queue,
          jobId: job.id,
          attempt: job.attemptsMade + 1,
          requestId: (job.data as { requestId?: unknown } | undefined)?.requestId,
        });
        const parsed = schema.safeParse(job.data);
        if (!parsed.success) {
          const reason = `invalid job data: ${parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ')}`;
          if (typeof job.id === 'string' && /^[0-9a-f-]{36}$/.test(job.id)) await ledger.recordFailure(job.id, reason);
          jobLogger.error({ reason }, 'job rejected');
          throw new UnrecoverableError(reason);
        }
        const data = parsed.data;
        const type = String((job.data as { webhookType?: unknown }).webhookType ?? job.name);
        if (await ledger.isProcessed(data.webhookLogId)) {
          jobLogger.info('webhook already processed; skipping');
          metrics.webhooksProcessed.inc({ type, outcome: 'skipped' });
          return;
        }
        const started = performance.now();
        await handler(data, { logger: jobLogger, attempt: job.attemptsMade + 1 }).catch((error: unknown) => {
          throw isPermanent(error) ? new UnrecoverableError(`needs review: ${error.message}`) : error;
        });
        await ledger.markProcessed(data.webhookLogId);
        metrics.webhooksProcessed.inc({ type, outcome: 'processed' });
        jobLogger.info({ durationMs: Math.round(performance.now() - started) }, 'job processed');
      }),
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      autorun: true,
      ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs, stalledInterval: options.lockDurationMs } : {}),
    },
  );

  worker.on('failed', (job, error) => {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= attempts;
    logger[final ? 'error' : 'warn'](
      { queue, jobId: job.id, attempt: job.attemptsMade, final, err: { name: error.name, message: error.message } },
      final ? 'job failed for good' : 'job failed; will retry',
    );
    const webhookLogId = (job.data as { webhookLogId?: unknown }).webhookLogId;
    if (final) metrics.webhooksProcessed.inc({ type: String((job.data as { webhookType?: unknown }).webhookType ?? job.name), outcome: 'failed' });
    if (final && typeof webhookLogId === 'string') {
      ledger.recordFailure(webhookLogId, error.message).catch((recordError: unknown) => {
        logger.error({ err: recordError, jobId: job.id }, 'could not record the failure on the log row');
      });
    }
  });
  worker.on('error', (error) => logger.error({ err: { name: error.name, message: error.message } }, 'worker error'));
  return worker;
}

/** The domain's PermanentError, known by its flag: retrying cannot help, a person must look. */
function isPermanent(error: unknown): error is Error & { permanent: true } {
  return error instanceof Error && (error as { permanent?: unknown }).permanent === true;
}
