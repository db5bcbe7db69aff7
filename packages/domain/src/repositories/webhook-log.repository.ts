import { Prisma } from '../generated/prisma/client.js';
import type { PrismaClientOrTransaction } from '../client.js';
import { CheckoutRepository, checkoutReportOf } from './checkout.repository.js';

export type NewWebhookLog = {
  webhookType: string;
  externalId: string;
  payload: Prisma.InputJsonValue;
  requestId: string;
  /** Pre-allocated conversation id (abandonments only). */
  conversationId?: string;
  /** sara (default), whatsapp, or the checkout platform that posted it. */
  source?: string;
  /** A platform event as Sara understood it: the job payload, while `payload` stays as received. */
  event?: Prisma.InputJsonValue;
  /** The abandonment or payment a platform delivery is about. */
  subject?: string;
  /** Stored for the record only (ignored or rejected events): never queued. */
  settled?: { reason: string };
};

export type RecordedWebhook = {
  id: string;
  webhookType: string;
  externalId: string;
  conversationId: string | null;
  /** False when (type, external id) was already in the log: a redelivery. */
  inserted: boolean;
};

export type UnqueuedWebhook = {
  id: string;
  webhookType: string;
  externalId: string | null;
  payload: Prisma.JsonValue;
  event: Prisma.JsonValue;
  requestId: string | null;
  conversationId: string | null;
};

/**
 * webhooks_log: the audit trail of every accepted webhook and the outbox of the job queue; no
 * decision reads it. Also the ledger of every webhook worker (@sara/jobs' WebhookLedger, which
 * it matches structurally: the domain does not know the queue package).
 */
export class WebhookLogRepository {
  private readonly checkouts: CheckoutRepository;

  constructor(private readonly db: PrismaClientOrTransaction) {
    this.checkouts = new CheckoutRepository(db);
  }

  /**
   * Inserts the events in one statement (all or nothing) and reports, for each, the row that
   * holds it: the new one, or the one a previous delivery wrote. UNIQUE(type, external_id)
   * settles races between concurrent deliveries: exactly one insert wins.
   */
  async record(events: NewWebhookLog[]): Promise<RecordedWebhook[]> {
    if (events.length === 0) return [];
    // What the abandonment worker will decide from goes to its own table first: idempotent, so a
    // failure of the insert below (the sender retries) leaves nothing a redelivery cannot repeat.
    await this.checkouts.report(events.map(checkoutReportOf).filter((report) => report !== null));
    // The ingress' hot path: one plain statement instead of a compiled Prisma query (the
    // benchmark profile showed the query compiler as the largest share of a webhook's CPU).
    const values = events.map(
      (event) =>
        Prisma.sql`(${event.webhookType}, ${event.externalId}, ${JSON.stringify(event.payload)}::jsonb, true, ${event.requestId}, ${event.conversationId ?? null}::uuid,
          ${event.source ?? 'sara'}, ${event.event === undefined ? null : JSON.stringify(event.event)}::jsonb, ${event.subject ?? null},
          ${event.settled !== undefined}, ${event.settled ? new Date() : null}::timestamptz, ${event.settled?.reason.slice(0, 2_000) ?? null})`,
    );
    const inserted = (
      await this.db.$queryRaw<{ id: string; webhook_type: string; external_id: string | null; conversation_id: string | null }[]>`
        INSERT INTO webhooks_log (webhook_type, external_id, payload, signature_verified, request_id, conversation_id, source, event, subject, processed, processed_at, error_message)
        VALUES ${Prisma.join(values)}
        ON CONFLICT (webhook_type, external_id) DO NOTHING
        RETURNING id, webhook_type, external_id, conversation_id`
    ).map((row) => ({ id: row.id, webhookType: row.webhook_type, externalId: row.external_id, conversationId: row.conversation_id }));
    const key = (type: string, externalId: string | null) => `${type}\u0000${externalId ?? ''}`;
    const insertedKeys = new Set(inserted.map((row) => key(row.webhookType, row.externalId)));
    const missing = events.filter((event) => !insertedKeys.has(key(event.webhookType, event.externalId)));
    const existing =
      missing.length === 0
        ? []
        : await this.db.webhookLog.findMany({
            where: { OR: missing.map((event) => ({ webhookType: event.webhookType, externalId: event.externalId })) },
            select: { id: true, webhookType: true, externalId: true, conversationId: true },
          });
    const byKey = new Map<string, Omit<RecordedWebhook, 'externalId'>>();
    for (const row of existing) byKey.set(key(row.webhookType, row.externalId), { ...row, inserted: false });
    for (const row of inserted) byKey.set(key(row.webhookType, row.externalId), { ...row, inserted: true });
    // One statement may carry the same event twice (a sender's retry while the first was in
    // flight): the first is the one inserted, the second a duplicate of it.
    const answered = new Set<string>();
    return events.map((event) => {
      const eventKey = key(event.webhookType, event.externalId);
      const row = byKey.get(eventKey);
      if (!row) throw new Error('webhook log row vanished between insert and read');
      const inserted = row.inserted && !answered.has(eventKey);
      answered.add(eventKey);
      return { ...row, inserted, externalId: event.externalId };
    });
  }

  /** The conversation id allocated when the abandonment arrived, if it did. */
  async findConversationIdOfAbandonment(abandonmentId: string): Promise<string | null> {
    const row = await this.db.webhookLog.findUnique({
      where: { webhookType_externalId: { webhookType: 'abandonment', externalId: abandonmentId } },
      select: { conversationId: true },
    });
    return row?.conversationId ?? null;
  }

  async markEnqueued(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.$executeRaw`UPDATE webhooks_log SET enqueued_at = now() WHERE id = ANY(${ids}::uuid[]) AND enqueued_at IS NULL`;
  }

  /** Rows stored while Redis was unreachable, oldest first, that the relay must enqueue. */
  async findUnqueued(options: { olderThan: Date; limit: number; types: readonly string[] }): Promise<UnqueuedWebhook[]> {
    return this.db.webhookLog.findMany({
      // Only types a queue exists for: a row of an unknown type must not sit at the head of the
      // outbox forever, blocking every row behind it.
      where: { enqueuedAt: null, processed: false, createdAt: { lt: options.olderThan }, webhookType: { in: [...options.types] } },
      orderBy: { createdAt: 'asc' },
      take: options.limit,
      select: { id: true, webhookType: true, externalId: true, payload: true, event: true, requestId: true, conversationId: true },
    });
  }

  /**
   * Rows handed to Redis long ago and still not processed nor failed for good, longest waiting
   * first: their job may have been lost with Redis' memory (a failover or a restart without
   * AOF). A row failed for good keeps its reason and waits for a person, not for the relay.
   */
  async findStaleEnqueued(options: { enqueuedAfter: Date; enqueuedBefore: Date; limit: number; types: readonly string[] }): Promise<UnqueuedWebhook[]> {
    return this.db.webhookLog.findMany({
      where: {
        // Bounded below so the outbox index scans a window, not every row ever processed.
        enqueuedAt: { gte: options.enqueuedAfter, lt: options.enqueuedBefore },
        processed: false,
        errorMessage: null,
        webhookType: { in: [...options.types] },
      },
      orderBy: { enqueuedAt: 'asc' },
      take: options.limit,
      select: { id: true, webhookType: true, externalId: true, payload: true, event: true, requestId: true, conversationId: true },
    });
  }

  /** Stamps rows re-handed to Redis, so each is looked at again only after another stale period. */
  async markReenqueued(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.$executeRaw`UPDATE webhooks_log SET enqueued_at = now() WHERE id = ANY(${ids}::uuid[]) AND processed = false`;
  }

  async isProcessed(id: string): Promise<boolean> {
    const row = await this.db.webhookLog.findUnique({ where: { id }, select: { processed: true } });
    return row?.processed ?? false;
  }

  async markProcessed(id: string): Promise<void> {
    await this.db.webhookLog.update({
      where: { id },
      data: { processed: true, processedAt: new Date(), errorMessage: null },
    });
  }

  async recordFailure(id: string, reason: string): Promise<void> {
    await this.db.webhookLog.updateMany({ where: { id }, data: { errorMessage: reason.slice(0, 2_000) } });
  }
}
