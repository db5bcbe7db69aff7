import type { OutboundMessageQueue } from '@sara/jobs';
import type { PrismaClient } from '@sara/domain';
import type { Logger } from '@sara/observability';

/**
 * Re-drives messages that fell between the cracks: a row left `queued` because its enqueue
 * failed and the caller's retries ran out, or whose send job failed for good on an
 * infrastructure error (not a Graph answer, which marks the row itself); and a row left
 * `sending` by a job that is gone, which becomes `unknown` rather than being sent again.
 * Safe on every replica at once: job ids are message ids.
 */
export class OutboundSweeper {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: PrismaClient,
    private readonly outbound: OutboundMessageQueue,
    private readonly logger: Logger,
    private readonly options: { intervalMs: number; staleAfterMs: number } = { intervalMs: 60_000, staleAfterMs: 120_000 },
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.runOnce().catch((error: unknown) => this.logger.warn({ err: error }, 'outbound sweep failed'));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async runOnce(): Promise<{ requeued: number; unknown: number }> {
    const staleBefore = new Date(Date.now() - this.options.staleAfterMs);
    const stale = await this.db.message.findMany({
      where: { fromSender: { in: ['sara', 'operator'] }, status: { in: ['queued', 'sending'] }, createdAt: { lt: staleBefore } },
      orderBy: { createdAt: 'asc' },
      take: 200,
      select: { id: true, status: true },
    });
    let requeued = 0;
    let unknown = 0;
    for (const message of stale) {
      const job = await this.outbound.queue.getJob(message.id);
      const state = job ? await job.getState() : 'missing';
      if (message.status === 'queued' && (state === 'missing' || state === 'completed')) {
        if (job) await job.remove().catch(() => {});
        await this.outbound.enqueue(message.id);
        requeued++;
      } else if (message.status === 'queued' && state === 'failed' && job) {
        await job.retry('failed').catch(() => {});
        requeued++;
      } else if (message.status === 'sending' && ['missing', 'completed', 'failed'].includes(state)) {
        const marked = await this.db.message.updateMany({
          where: { id: message.id, status: 'sending' },
          data: { status: 'unknown', statusUpdatedAt: new Date() },
        });
        unknown += marked.count;
      }
    }
    if (requeued + unknown > 0) this.logger.warn({ requeued, unknown }, 'outbound sweep re-drove stranded messages');
    return { requeued, unknown };
  }
}
