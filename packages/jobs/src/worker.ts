import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { JOBS, type JobData, type JobName } from './catalog.js';
import { runInstrumented } from './job-instrumentation.js';
import { describeInvalidJob } from './producer.js';

export type JobContext = { logger: Logger; attempt: number; maxAttempts: number };

/** What a processor returns to run the same job again later (same id: it is still one job). */
export type Deferral = { deferUntil: Date };

export function deferUntil(at: Date): Deferral {
  return { deferUntil: at };
}

function isDeferral(value: unknown): value is Deferral {
  return typeof value === 'object' && value !== null && (value as { deferUntil?: unknown }).deferUntil instanceof Date;
}

export type WorkerOptions<N extends JobName> = {
  job: N;
  process: (data: JobData<N>, context: JobContext) => Promise<unknown>;
  connection: Redis;
  prefix: string;
  concurrency: number;
  logger: Logger;
  /** How soon a killed replica's job goes to another; also the stalled-check interval unless given. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** BullMQ's limiter is global across replicas: at most this many jobs start per second. */
  ratePerSecond?: number;
  /** Told once a job will not run again: refused by its schema, permanent, or out of attempts. */
  onFinalFailure?: (job: Job, reason: string) => Promise<void>;
};

/**
 * The one way Sara builds a BullMQ worker: every attempt is traced and counted, the data is
 * re-validated against the catalog's schema on dequeue, a domain PermanentError becomes
 * BullMQ's UnrecoverableError (no retry can help), and failures are logged without job data.
 */
export function buildWorker<N extends JobName>(options: WorkerOptions<N>): Worker {
  const { queue, schema, options: jobOptions } = JOBS[options.job];
  const maxAttempts = jobOptions.attempts ?? 1;
  const worker = new Worker(
    queue,
    async (job: Job, token?: string) => {
      const result = await runInstrumented(queue, job, async () => {
        // Never log job.data: it holds phone numbers and message texts.
        const logger = options.logger.child({
          queue,
          jobId: job.id,
          attempt: job.attemptsMade + 1,
          requestId: (job.data as { requestId?: unknown } | undefined)?.requestId,
        });
        const parsed = schema.safeParse(job.data);
        if (!parsed.success) {
          const reason = describeInvalidJob(parsed.error);
          logger.error({ reason }, 'job rejected');
          throw new UnrecoverableError(reason);
        }
        return options
          .process(parsed.data as JobData<N>, { logger, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? maxAttempts })
          .catch((error: unknown) => {
            throw isPermanent(error) ? new UnrecoverableError(`needs review: ${error.message}`) : error;
          });
      });
      if (isDeferral(result) && token) {
        // BullMQ's own way to put an active job back in the delayed set without using an attempt.
        await job.moveToDelayed(result.deferUntil.getTime(), token);
        throw new DelayedError();
      }
      return result;
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      autorun: true,
      ...(options.ratePerSecond ? { limiter: { max: options.ratePerSecond, duration: 1_000 } } : {}),
      ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs, stalledInterval: options.stalledIntervalMs ?? options.lockDurationMs } : {}),
    },
  );

  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    options.logger[final ? 'error' : 'warn'](
      { queue, jobId: job.id, attempt: job.attemptsMade, final, err: { name: error.name, message: error.message } },
      final ? 'job failed for good' : 'job failed; will retry',
    );
    if (final && options.onFinalFailure) {
      options.onFinalFailure(job, error.message).catch((recordError: unknown) => {
        options.logger.error({ err: recordError, jobId: job.id }, 'could not record the failure');
      });
    }
  });
  worker.on('error', (error) => options.logger.error({ err: { name: error.name, message: error.message } }, 'worker error'));
  return worker;
}

/** The domain's PermanentError, known by its flag: retrying cannot help, a person must look. */
function isPermanent(error: unknown): error is Error & { permanent: true } {
  return error instanceof Error && (error as { permanent?: unknown }).permanent === true;
}
