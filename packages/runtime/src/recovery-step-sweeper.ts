import type { PrismaClient } from '@sara/domain';
import { recoveryStepJobId, type RecoveryStepQueue } from '@sara/jobs';
import type { Logger } from '@sara/observability';

/**
 * The schedule of every follow-up is in Postgres; Redis only holds the job that wakes it. A
 * step whose job is gone (Redis lost its data, a job failed for good while Postgres was away,
 * one ran when it was not its turn) would wait forever: this pass re-adds a job for every step
 * past due by more than the grace period without one. Safe on every replica at once: job ids
 * name the step and its try.
 */
export class RecoveryStepSweeper {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: PrismaClient,
    private readonly steps: RecoveryStepQueue,
    private readonly logger: Logger,
    private readonly options: { intervalMs: number; graceMs: number } = { intervalMs: 60_000, graceMs: 120_000 },
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.runOnce().catch((error: unknown) => this.logger.warn({ err: error }, 'follow-up sweep failed'));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Returns how many steps it woke again. */
  async runOnce(now: Date = new Date()): Promise<number> {
    const overdue = await this.db.recoveryStep.findMany({
      where: { status: 'scheduled', dueAt: { lt: new Date(now.getTime() - this.options.graceMs) } },
      orderBy: { dueAt: 'asc' },
      take: 200,
      select: { abandonmentId: true, step: true, attempt: true, dueAt: true },
    });
    let woken = 0;
    for (const step of overdue) {
      const job = await this.steps.queue.getJob(recoveryStepJobId(step));
      const state = job ? await job.getState() : 'missing';
      if (state !== 'missing' && state !== 'completed' && state !== 'failed') continue;
      if (job) await job.remove().catch(() => {});
      await this.steps.schedule(step);
      woken++;
    }
    if (woken > 0) this.logger.warn({ woken }, 'follow-up sweep woke steps whose job was gone');
    return woken;
  }
}
