import { Queue } from 'bullmq';
import { currentTraceCarrier } from '@sara/observability';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { isWebhookType, JOBS, WEBHOOK_JOBS, type WebhookJob, type WebhookType } from './catalog.js';
import type { QueueName } from './queues.js';

/** Enqueues webhook jobs keyed by their log row, so a second add of the same row is a no-op. */
export class WebhookJobProducer {
  private readonly queues: Map<QueueName, Queue>;

  constructor(
    connection: Redis,
    prefix: string,
    private readonly addTimeoutMs = 2_000,
  ) {
    this.queues = new Map(
      Object.values(JOBS).map(({ queue: name, options }) => {
        const queue = new Queue(name, { connection, prefix, defaultJobOptions: options });
        // The connection's owner logs Redis errors once; each queue re-emitting them would only
        // print the same outage several times.
        queue.on('error', () => {});
        return [name, queue] as const;
      }),
    );
  }

  async enqueue<T extends WebhookType>(job: WebhookJob<T>): Promise<void> {
    const queue = this.queues.get(WEBHOOK_JOBS[job.webhookType].queue);
    if (!queue) throw new Error(`no queue for webhook type ${job.webhookType}`);
    await withTimeout(queue.add(job.webhookType, jobData(job), { jobId: job.webhookLogId, delay: delayUntil(job.payload) }), this.addTimeoutMs);
  }

  /** Many jobs in one round trip per queue (BullMQ's addBulk: a MULTI); the same ids, so a repeat is still a no-op. */
  async enqueueMany(jobs: WebhookJob[]): Promise<void> {
    const byQueue = new Map<Queue, Parameters<Queue['addBulk']>[0]>();
    for (const job of jobs) {
      const queue = this.queues.get(WEBHOOK_JOBS[job.webhookType].queue);
      if (!queue) throw new Error(`no queue for webhook type ${job.webhookType}`);
      const list = byQueue.get(queue) ?? [];
      list.push({ name: job.webhookType, data: jobData(job), opts: { jobId: job.webhookLogId, delay: delayUntil(job.payload) } });
      byQueue.set(queue, list);
    }
    await withTimeout(Promise.all([...byQueue].map(([queue, list]) => queue.addBulk(list))), this.addTimeoutMs);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

function jobData(job: { webhookLogId: string; webhookType: string; payload: unknown }): Record<string, unknown> {
  return Object.fromEntries(Object.entries({ ...job, trace: currentTraceCarrier() }).filter(([, value]) => value !== undefined));
}

/** A webhooks_log row as stored: its type and payload are whatever the database holds. */
export type StoredWebhook = { id: string; webhookType: string; payload: unknown; requestId: string | null; conversationId: string | null };

/**
 * Reads a stored row as the job its type declares. A row the catalog's schema refuses is never
 * enqueued: it would only fail on the worker, and the outbox relay would offer it again forever.
 */
export function readStoredWebhook(row: StoredWebhook): { ok: true; job: WebhookJob } | { ok: false; reason: string } {
  if (!isWebhookType(row.webhookType)) return { ok: false, reason: `unknown webhook type ${row.webhookType}` };
  const job = {
    webhookLogId: row.id,
    webhookType: row.webhookType,
    payload: row.payload,
    ...(row.requestId ? { requestId: row.requestId } : {}),
    ...(row.conversationId ? { conversationId: row.conversationId } : {}),
  };
  const parsed = WEBHOOK_JOBS[row.webhookType].schema.safeParse(job);
  if (!parsed.success) return { ok: false, reason: describeInvalidJob(parsed.error) };
  // The job carries the payload as stored, not as parsed (the schema passed, so it is the
  // schema's input): the worker applies the defaults, and the queue holds what the sender said.
  return { ok: true, job: job as WebhookJob };
}

/** Names the fields that failed, never their values: reasons end up in logs and on the row. */
export function describeInvalidJob(error: z.ZodError): string {
  return `invalid job data: ${error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ')}`;
}

/**
 * An event may say it must not be acted on before some instant (a checkout still being
 * filled in): the job waits in BullMQ's delayed set. Computed at every add, so the outbox
 * relay re-adding a stored event later delays it only for what is left.
 */
function delayUntil(payload: unknown): number {
  const notBefore = (payload as { notBefore?: unknown } | null)?.notBefore;
  if (typeof notBefore !== 'string') return 0;
  const at = Date.parse(notBefore);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : 0;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
