import type { Worker } from 'bullmq';
import { metrics } from '@sara/observability';
import type { JobData } from './catalog.js';
import { buildWorker, type JobContext, type WorkerOptions } from './worker.js';

/** What the worker needs from webhooks_log: the processed flag is the real dedupe. */
export interface WebhookLedger {
  isProcessed(webhookLogId: string): Promise<boolean>;
  markProcessed(webhookLogId: string): Promise<void>;
  recordFailure(webhookLogId: string, reason: string): Promise<void>;
}

/** The jobs that carry one webhooks_log row. */
export type WebhookJobName = 'abandonment' | 'payment' | 'whatsappInbound';

export type WebhookHandler<T> = (job: T, context: JobContext) => Promise<void>;

export type WebhookWorkerOptions<N extends WebhookJobName> = Omit<WorkerOptions<N>, 'process' | 'onFinalFailure'> & {
  handler: WebhookHandler<JobData<N>>;
  ledger: WebhookLedger;
};

/**
 * A worker over webhook rows: skips rows already processed (BullMQ forgets removed job ids;
 * the database does not), hands the typed job to the handler, marks the row processed, and
 * records on the row why a job failed for good.
 */
export function runWebhookWorker<N extends WebhookJobName>(options: WebhookWorkerOptions<N>): Worker {
  const { handler, ledger, ...rest } = options;
  return buildWorker<N>({
    ...rest,
    process: async (data, context) => {
      const type = data.webhookType;
      if (await ledger.isProcessed(data.webhookLogId)) {
        context.logger.info('webhook already processed; skipping');
        metrics.webhooksProcessed.inc({ type, outcome: 'skipped' });
        return;
      }
      const started = performance.now();
      await handler(data, context);
      await ledger.markProcessed(data.webhookLogId);
      metrics.webhooksProcessed.inc({ type, outcome: 'processed' });
      context.logger.info({ durationMs: Math.round(performance.now() - started) }, 'job processed');
    },
    onFinalFailure: async (job, reason) => {
      const data = job.data as { webhookLogId?: unknown; webhookType?: unknown } | undefined;
      metrics.webhooksProcessed.inc({ type: String(data?.webhookType ?? job.name), outcome: 'failed' });
      // An invalid job may lack the field; its job id is the row id all the same.
      const webhookLogId = typeof data?.webhookLogId === 'string' ? data.webhookLogId : job.id;
      if (webhookLogId && UUID.test(webhookLogId)) await ledger.recordFailure(webhookLogId, reason);
    },
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
