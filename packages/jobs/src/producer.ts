import { Queue } from 'bullmq';
import { currentTraceCarrier } from '@sara/observability';
import type { Redis } from 'ioredis';
import { JOB_OPTIONS } from './options.js';
import { QUEUES, WEBHOOK_TYPE_QUEUE, type QueueName, type WebhookType } from './queues.js';

export type WebhookJob = {
  webhookLogId: string;
  webhookType: WebhookType;
  requestId?: string | undefined;
  conversationId?: string | undefined;
  payload: unknown;
};

/** Enqueues webhook jobs keyed by their log row, so a second add of the same row is a no-op. */
export class WebhookJobProducer {
  private readonly queues: Map<QueueName, Queue>;

  constructor(
    connection: Redis,
    prefix: string,
    private readonly addTimeoutMs = 2_000,
  ) {
    this.queues = new Map(
      Object.values(QUEUES).map((name) => {
        const queue = new Queue(name, { connection, prefix, defaultJobOptions: JOB_OPTIONS[name] });
        // The connection's owner logs Redis errors once; each queue re-emitting them would only
        // print the same outage several times.
        queue.on('error', () => {});
        return [name, queue] as const;
      }),
    );
  }

  async enqueue(job: WebhookJob): Promise<void> {
    const queue = this.queues.get(WEBHOOK_TYPE_QUEUE[job.webhookType]);
    if (!queue) throw new Error(`no queue for webhook type ${job.webhookType}`);
    const data = Object.fromEntries(Object.entries({ ...job, trace: currentTraceCarrier() }).filter(([, value]) => value !== undefined));
    await withTimeout(queue.add(job.webhookType, data, { jobId: job.webhookLogId, delay: delayUntil(job.payload) }), this.addTimeoutMs);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
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
