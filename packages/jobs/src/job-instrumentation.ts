import { UnrecoverableError, type Job } from 'bullmq';
import { metrics, reportError, withJobSpan } from '@sara/observability';

/**
 * Wraps one job attempt in a span continuing the enqueuer's trace, and counts it: completed,
 * retried (BullMQ will try again) or failed (for good). Shared by every worker, so no handler
 * has to remember it.
 */
export async function runInstrumented<T>(queue: string, job: Job, run: () => Promise<T>): Promise<T> {
  const carrier = (job.data as { trace?: Record<string, string> } | undefined)?.trace;
  const stopTimer = metrics.jobDuration.startTimer({ queue });
  try {
    const result = await withJobSpan(
      `${queue} process`,
      carrier,
      { 'messaging.system': 'bullmq', 'messaging.destination.name': queue, 'messaging.message.id': job.id ?? '', 'sara.attempt': job.attemptsMade + 1 },
      run,
    );
    metrics.jobs.inc({ queue, outcome: 'completed' });
    return result;
  } catch (error) {
    const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    metrics.jobs.inc({ queue, outcome: final ? 'failed' : 'retried' });
    if (final) reportError(error, { queue, jobId: job.id });
    throw error;
  } finally {
    stopTimer();
  }
}
