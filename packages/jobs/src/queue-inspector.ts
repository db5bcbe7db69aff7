import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, type QueueName } from './queues.js';

export type FailedJobView = {
  queue: QueueName;
  jobId: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
  webhookLogId: string | null;
  messageId: string | null;
};

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Read and repair access to every queue: depth for metrics, failed jobs for operators. */
export class QueueInspector {
  private readonly queues: Map<QueueName, Queue>;

  constructor(connection: Redis, prefix: string) {
    this.queues = new Map(
      Object.values(QUEUES).map((name) => {
        const queue = new Queue(name, { connection, prefix });
        queue.on('error', () => {});
        return [name, queue] as const;
      }),
    );
  }

  static isQueueName(value: string): value is QueueName {
    return (Object.values(QUEUES) as string[]).includes(value);
  }

  async counts(): Promise<{ queue: QueueName; state: (typeof STATES)[number]; count: number }[]> {
    const rows = await Promise.all(
      [...this.queues].map(async ([name, queue]) => {
        const counts = await queue.getJobCounts(...STATES);
        return STATES.map((state) => ({ queue: name, state, count: counts[state] ?? 0 }));
      }),
    );
    return rows.flat();
  }

  /** Failed jobs, newest first. Their data is not returned: it holds phones and texts. */
  async listFailed(queueName: QueueName, page: { limit: number; offset: number }): Promise<{ total: number; jobs: FailedJobView[] }> {
    const queue = this.queue(queueName);
    const [total, jobs] = await Promise.all([queue.getJobCountByTypes('failed'), queue.getJobs(['failed'], page.offset, page.offset + page.limit - 1, false)]);
    return {
      total,
      jobs: jobs.map((job) => {
        const data = (job.data ?? {}) as { webhookLogId?: unknown; messageId?: unknown };
        return {
          queue: queueName,
          jobId: job.id ?? '',
          name: job.name,
          failedReason: job.failedReason ?? '',
          attemptsMade: job.attemptsMade,
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
          webhookLogId: typeof data.webhookLogId === 'string' ? data.webhookLogId : null,
          messageId: typeof data.messageId === 'string' ? data.messageId : null,
        };
      }),
    };
  }

  /** Puts one failed job back in the queue; false when there is no such failed job. */
  async retry(queueName: QueueName, jobId: string): Promise<boolean> {
    const job = await this.queue(queueName).getJob(jobId);
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed');
    return true;
  }

  async retryAllFailed(queueName: QueueName): Promise<number> {
    const queue = this.queue(queueName);
    const failed = await queue.getJobCountByTypes('failed');
    await queue.retryJobs({ state: 'failed', count: 1_000 });
    return failed;
  }

  /** Removes these jobs from every queue, whatever their state (a buyer's erasure); how many went. */
  async removeJobs(jobIds: readonly string[]): Promise<number> {
    let removed = 0;
    for (const queue of this.queues.values()) {
      for (const id of jobIds) {
        const job = await queue.getJob(id);
        // An active job is locked by its worker; it ends within its attempt and keeps only ids.
        if (job && !(await job.isActive())) {
          await job.remove();
          removed += 1;
        }
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  private queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`unknown queue ${name}`);
    return queue;
  }
}
