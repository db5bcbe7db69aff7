import { Queue } from 'bullmq';
import { currentTraceCarrier } from '@sara/observability';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { JOBS } from './catalog.js';

/** One try of one step of one abandonment: the job id, so a repeated schedule is a no-op. */
export function recoveryStepJobId(step: { abandonmentId: string; step: number; attempt: number }): string {
  return `step-${step.abandonmentId}-${step.step}-${step.attempt}`;
}

/** Schedules follow-up steps as delayed jobs woken at their due time. */
export class RecoveryStepQueue {
  readonly queue: Queue;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue(JOBS.recoveryStep.queue, { connection, prefix, defaultJobOptions: JOBS.recoveryStep.options });
    // Connection errors are logged by the connection's owner.
    this.queue.on('error', () => {});
  }

  async schedule(step: { abandonmentId: string; step: number; attempt: number; dueAt: Date }): Promise<void> {
    const trace = currentTraceCarrier();
    const data: z.input<typeof JOBS.recoveryStep.schema> = {
      abandonmentId: step.abandonmentId,
      step: step.step,
      attempt: step.attempt,
      ...(trace ? { trace } : {}),
    };
    await this.queue.add('step', data, { jobId: recoveryStepJobId(step), delay: Math.max(0, step.dueAt.getTime() - Date.now()) });
  }

  /** Moves a waiting step to its new due time (a sequence edit); adds it if its job is gone. */
  async reschedule(step: { abandonmentId: string; step: number; attempt: number; dueAt: Date }): Promise<void> {
    const job = await this.queue.getJob(recoveryStepJobId(step));
    if (!job) return this.schedule(step);
    // An active or finished job decides on its own: the step's row holds the new time either way.
    if (await job.isDelayed()) await job.changeDelay(Math.max(1, step.dueAt.getTime() - Date.now()));
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
