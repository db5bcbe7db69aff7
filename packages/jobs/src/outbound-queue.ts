import { Queue } from 'bullmq';
import { currentTraceCarrier } from '@sara/observability';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { JOBS } from './catalog.js';

/** Producer of send jobs; the job id is the message row id, so a repeat add is a no-op. */
export class OutboundMessageQueue {
  readonly queue: Queue;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue(JOBS.whatsappOutbound.queue, { connection, prefix, defaultJobOptions: JOBS.whatsappOutbound.options });
    // Connection errors are logged by the connection's owner.
    this.queue.on('error', () => {});
  }

  async enqueue(messageId: string, requestId?: string): Promise<void> {
    const trace = currentTraceCarrier();
    const data: z.input<typeof JOBS.whatsappOutbound.schema> = { messageId, ...(requestId ? { requestId } : {}), ...(trace ? { trace } : {}) };
    await this.queue.add('send', data, { jobId: messageId });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
