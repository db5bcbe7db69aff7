import type { WebhookLogRepository } from '@sara/domain';
import type { Logger } from '@sara/observability';

/**
 * Records "this row's job is in Redis" off the request path, many rows per UPDATE. The mark is
 * bookkeeping for the outbox relay, not durability: the row is already stored, and a row whose
 * mark is lost is re-added by the relay under the same job id, which BullMQ ignores.
 */
export class EnqueueMarker {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly webhookLog: WebhookLogRepository,
    private readonly logger: Logger,
    private readonly delayMs = 20,
  ) {}

  mark(ids: string[]): void {
    for (const id of ids) this.pending.add(id);
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const ids = [...this.pending];
    this.pending.clear();
    if (ids.length === 0) return;
    try {
      await this.webhookLog.markEnqueued(ids);
    } catch (error) {
      this.logger.warn({ err: error, rows: ids.length }, 'could not mark webhooks as enqueued; the relay will');
    }
  }
}
