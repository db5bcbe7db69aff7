import type { WebhookLogRepository } from '@sara/domain';
import { WEBHOOK_JOBS, type WebhookJobProducer } from '@sara/jobs';
import type { Logger } from '@sara/observability';
import { enqueueRows } from './webhook-intake.js';

type RelayOptions = {
  intervalMs: number;
  graceMs: number;
  batchSize: number;
  /** A row enqueued this long ago and still unprocessed may have lost its job: re-add it. */
  staleAfterMs?: number;
  /** How often a pass also looks for such rows (they are rare; the outbox drain is not). */
  reconcileEveryMs?: number;
  /** How far back it looks: a window of the outbox index, not the whole log. */
  lookbackMs?: number;
};

/** Longer than any healthy wait in the queue (a backlog drains in minutes), short enough to matter to a buyer. */
const STALE_AFTER_MS = 10 * 60_000;
const RECONCILE_EVERY_MS = 60_000;
/** As long as Meta and the platforms keep redelivering, and as long as BullMQ keeps completed jobs. */
const LOOKBACK_MS = 7 * 24 * 3_600_000;

/**
 * Drains webhooks_log rows that were stored but never reached Redis (it was down when they
 * arrived), and re-adds rows enqueued long ago and still unprocessed, whose job Redis may
 * have lost (a failover, a restart without AOF). Several ingress replicas may relay at once:
 * job ids are the row ids, so adding a job that still exists (waiting, delayed, active) is a
 * no-op, and workers skip rows already processed.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private lastReconcile = 0;

  constructor(
    private readonly deps: { webhookLog: WebhookLogRepository; producer: WebhookJobProducer; logger: Logger },
    private readonly options: RelayOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'outbox relay pass failed'))
        .finally(() => {
          this.running = undefined;
        });
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * One pass; returns how many rows it enqueued (or re-added). Rows younger than graceMs are
   * the door's to enqueue.
   */
  async runOnce(): Promise<number> {
    const drained = await this.drainUnqueued();
    if (Date.now() - this.lastReconcile < (this.options.reconcileEveryMs ?? RECONCILE_EVERY_MS)) return drained;
    this.lastReconcile = Date.now();
    return drained + (await this.reconcileStale());
  }

  /**
   * Re-adds every stale row (see `staleAfterMs`). Each one re-added is stamped enqueued again,
   * so a job that was only slow (a long delay, a backlog) is looked at once per stale period.
   * A row whose job failed for good carries its reason and is left to a person.
   */
  async reconcileStale(): Promise<number> {
    let total = 0;
    const seen = new Set<string>();
    for (;;) {
      const now = Date.now();
      const rows = await this.deps.webhookLog.findStaleEnqueued({
        enqueuedAfter: new Date(now - (this.options.lookbackMs ?? LOOKBACK_MS)),
        enqueuedBefore: new Date(now - (this.options.staleAfterMs ?? STALE_AFTER_MS)),
        limit: this.options.batchSize,
        types: Object.keys(WEBHOOK_JOBS),
      });
      // A row offered twice in one pass was not stamped (the update failed): stop, not spin.
      if (rows.some((row) => seen.has(row.id))) return total;
      for (const row of rows) seen.add(row.id);
      const { enqueued } = await enqueueRows(
        rows.map((row) => ({ ...row, payload: row.event ?? row.payload })),
        { ...this.deps, markEnqueued: (ids) => this.deps.webhookLog.markReenqueued(ids) },
      );
      total += enqueued;
      if (enqueued > 0) this.deps.logger.info({ reenqueued: enqueued }, 'outbox relay re-added webhooks enqueued long ago and still unprocessed');
      if (rows.length < this.options.batchSize || enqueued < rows.length) return total;
    }
  }

  private async drainUnqueued(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.deps.webhookLog.findUnqueued({
        olderThan: new Date(Date.now() - this.options.graceMs),
        limit: this.options.batchSize,
        types: Object.keys(WEBHOOK_JOBS),
      });
      // A platform's row keeps its body as received; the job carries the event Sara read from it.
      const { enqueued } = await enqueueRows(
        rows.map((row) => ({ ...row, payload: row.event ?? row.payload })),
        {
          ...this.deps,
          markEnqueued: (ids) => this.deps.webhookLog.markEnqueued(ids),
        },
      );
      total += enqueued;
      if (enqueued > 0) this.deps.logger.info({ enqueued }, 'outbox relay enqueued stored webhooks');
      if (rows.length < this.options.batchSize || enqueued < rows.length) return total;
    }
  }
}
