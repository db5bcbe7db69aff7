import type { WebhookLogRepository } from '@sara/domain';
import { WEBHOOK_JOBS, type WebhookJobProducer } from '@sara/jobs';
import type { Logger } from '@sara/observability';
import { enqueueRows } from './webhook-intake.js';

/**
 * Drains webhooks_log rows that were stored but never reached Redis (it was down when they
 * arrived). Several ingress replicas may relay at once: job ids are the row ids, so a double
 * add is a no-op, and workers skip rows already processed.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly deps: { webhookLog: WebhookLogRepository; producer: WebhookJobProducer; logger: Logger },
    private readonly options: { intervalMs: number; graceMs: number; batchSize: number },
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

  /** One pass; returns how many rows it enqueued. Rows younger than graceMs are the door's to enqueue. */
  async runOnce(): Promise<number> {
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
