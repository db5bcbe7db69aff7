import { Queue } from 'bullmq';
import { currentTraceCarrier } from '@sara/observability';
import type { Redis } from 'ioredis';
import { JOB_OPTIONS } from './options.js';
import { QUEUES } from './queues.js';

/** Producer of send jobs; the job id is the message row id, so a repeat add is a no-op. */
export class OutboundMessageQueue {
  readonly queue: Queue;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue(QUEUES.whatsappOutbound, {
      connection,
      prefix,
      defaultJobOptions: JOB_OPTIONS[QUEUES.whatsappOutbound],
    });
    // Connection errors are logged by the connection's owner.
    this.queue.on('error', () => {});
  }

  async enqueue(messageId: string, requestId?: string): Promise<void> {
    const trace = currentTraceCarrier();
    await this.queue.add('send', { messageId, ...(requestId ? { requestId } : {}), ...(trace ? { trace } : {}) }, { jobId: messageId });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
