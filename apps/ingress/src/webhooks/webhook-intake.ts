import type { Prisma, RecordedWebhook, WebhookLogRepository } from '@sara/domain';
import { readStoredWebhook, type StoredWebhook, type WebhookJobProducer, type WebhookType } from '@sara/jobs';
import { metrics, type Logger } from '@sara/observability';
import { EnqueueMarker } from './enqueue-marker.js';
import { GroupCommit } from './group-commit.js';

export type IncomingEvent = {
  webhookType: WebhookType;
  externalId: string;
  payload: Prisma.InputJsonValue;
  conversationId?: string;
  source?: string;
  /** What the job carries when it is not the payload itself (a platform event, mapped). */
  event?: Prisma.InputJsonValue;
  subject?: string;
};

/**
 * The ingress' one job per webhook: make the events durable in webhooks_log, then enqueue the
 * new ones. Postgres failing fails the request (the sender retries); Redis failing does not:
 * the rows stay unqueued and the outbox relay enqueues them later.
 */
export class WebhookIntake {
  private readonly marker: EnqueueMarker;
  /** Every request's events, committed together with the other requests in flight. */
  private readonly commits: GroupCommit<AcceptedEvent, RecordedWebhook>;

  constructor(
    private readonly webhookLog: WebhookLogRepository,
    private readonly producer: WebhookJobProducer,
    private readonly logger: Logger,
  ) {
    this.marker = new EnqueueMarker(webhookLog, logger);
    this.commits = new GroupCommit((events) => this.store(events));
  }

  /** Writes pending enqueue marks now (on shutdown). */
  flush(): Promise<void> {
    return this.marker.flush();
  }

  /** Keeps an event Sara will not act on (ignored, rejected, a completed checkout) for the record. */
  async keep(
    event: { webhookType: string; externalId: string; payload: Prisma.InputJsonValue; source: string; reason: string },
    requestId: string,
  ): Promise<RecordedWebhook> {
    const [row] = await this.webhookLog.record([{ ...event, requestId, settled: { reason: event.reason } }]);
    if (!row) throw new Error('webhook log returned no row');
    return row;
  }

  /** Durable in Postgres (and handed to Redis when it answers) before this resolves: then the request may answer 2xx. */
  accept(events: IncomingEvent[], requestId: string): Promise<RecordedWebhook[]> {
    return this.commits.submit(events.map((event) => ({ ...event, requestId })));
  }

  /** One multi-row INSERT for the batch, then one Redis pipeline for its new rows. */
  private async store(events: AcceptedEvent[]): Promise<RecordedWebhook[]> {
    const recorded = await this.webhookLog.record(events);
    for (const row of recorded) metrics.webhooksReceived.inc({ type: row.webhookType, outcome: row.inserted ? 'received' : 'duplicate' });
    const fresh = recorded.flatMap((row, index) => {
      const event = events[index]!;
      return row.inserted
        ? [{ id: row.id, webhookType: row.webhookType, payload: event.event ?? event.payload, requestId: event.requestId, conversationId: row.conversationId }]
        : [];
    });
    await enqueueRows(fresh, { producer: this.producer, logger: this.logger, markEnqueued: (ids) => this.marker.mark(ids), webhookLog: this.webhookLog });
    return recorded;
  }
}

type AcceptedEvent = IncomingEvent & { requestId: string };

/**
 * Enqueues rows (job id = row id, so a repeat is a no-op) and marks those Redis accepted. A row
 * its job schema refuses gets the reason recorded and counts as handed over, so the relay does
 * not offer it again; a person finds it among the failed rows.
 */
export async function enqueueRows(
  rows: StoredWebhook[],
  deps: {
    producer: WebhookJobProducer;
    logger: Logger;
    markEnqueued: (ids: string[]) => Promise<void> | void;
    webhookLog: Pick<WebhookLogRepository, 'recordFailure'>;
  },
): Promise<{ enqueued: number; failed: number }> {
  if (rows.length === 0) return { enqueued: 0, failed: 0 };
  const read = rows.map((row) => ({ row, stored: readStoredWebhook(row) }));
  const refused = read.flatMap(({ row, stored }) => (stored.ok ? [] : [{ id: row.id, reason: stored.reason }]));
  for (const { id, reason } of refused) {
    deps.logger.error({ webhookLogId: id, reason }, 'stored webhook refused by its job schema; not queued');
    await deps.webhookLog.recordFailure(id, reason);
  }
  const jobs = read.flatMap(({ stored }) => (stored.ok ? [stored.job] : []));
  let enqueuedIds: string[] = [];
  try {
    // One pipeline for the lot: all of them reach Redis, or the relay offers them all again.
    if (jobs.length > 0) await deps.producer.enqueueMany(jobs);
    enqueuedIds = jobs.map((job) => job.webhookLogId);
  } catch (error) {
    deps.logger.warn({ failed: jobs.length, reason: (error as Error).message }, 'stored webhooks not queued yet; the outbox relay will enqueue them');
  }
  const failed = jobs.length - enqueuedIds.length;
  try {
    await deps.markEnqueued([...enqueuedIds, ...refused.map(({ id }) => id)]);
  } catch (error) {
    // The jobs are in Redis; the relay may add them again under the same id, which BullMQ ignores.
    deps.logger.warn({ err: error }, 'could not mark webhooks as enqueued');
  }
  return { enqueued: enqueuedIds.length, failed };
}
