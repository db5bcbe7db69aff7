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

  /** `sendAt`: not before this instant (a template deferred by quiet hours or the buyer's cap). */
  async enqueue(messageId: string, requestId?: string, sendAt?: Date): Promise<void> {
    const trace = currentTraceCarrier();
    const data: z.input<typeof JOBS.whatsappOutbound.schema> = { messageId, ...(requestId ? { requestId } : {}), ...(trace ? { trace } : {}) };
    const delay = sendAt ? Math.max(0, sendAt.getTime() - Date.now()) : 0;
    await this.queue.add('send', data, { jobId: messageId, ...(delay > 0 ? { delay } : {}) });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
