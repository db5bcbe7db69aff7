import { PaymentService, ProductOfferCatalog, type PaymentCommand, type TemplateSettings } from '@sara/domain';
import { OutboundMessageQueue, type PaymentJob, type WebhookHandler } from '@sara/jobs';
import type { WorkerDeps } from '@sara/runtime';

/**
 * Converts the sale and queues the thanks. A payment that cannot be applied (amount does
 * not match, already converted by another payment) fails for good with its reason on the
 * log row, for review; one whose abandonment is not processed yet is retried with backoff.
 */
export function buildPaymentHandler(templates: TemplateSettings, matching: { matchWindowMs: number }) {
  return (deps: WorkerDeps): WebhookHandler<PaymentJob> => {
    const service = new PaymentService(deps.prisma, new ProductOfferCatalog(deps.prisma), templates, matching);
    const outbound = new OutboundMessageQueue(deps.redis, deps.queuePrefix);
    return async (job, { logger }) => {
      // The envelope (log row id, trace, request id) stays in the worker; the payment is the command.
      const command: PaymentCommand = job.payload;
      const result = await service.record(command, logger);
      if (result.outcome === 'converted' && result.thanksMessageId) await outbound.enqueue(result.thanksMessageId, job.requestId);
    };
  };
}
