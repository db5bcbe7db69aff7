import { AbandonmentService, ProductOfferCatalog, type AbandonmentCommand, type TemplateSettings } from '@sara/domain';
import { OutboundMessageQueue, type AbandonmentJob, type WebhookHandler } from '@sara/jobs';
import type { WorkerDeps } from '@sara/runtime';

/**
 * Starts a recovery: the domain service writes everything in one transaction, then the
 * template's send job is queued (rate-limited, delivered by the outbound worker). If the
 * enqueue fails the job retries and finds the same message row.
 */
export function buildAbandonmentHandler(templates: TemplateSettings, matching: { matchWindowMs: number }) {
  return (deps: WorkerDeps): WebhookHandler<AbandonmentJob> => {
    const service = new AbandonmentService(deps.prisma, new ProductOfferCatalog(deps.prisma), templates, matching);
    const outbound = new OutboundMessageQueue(deps.redis, deps.queuePrefix);
    return async (job, { logger }) => {
      const started = await service.start(commandOf(job), logger);
      if (started.outcome === 'template_queued') await outbound.enqueue(started.messageId, job.requestId);
    };
  };
}

/** The envelope stays in the worker: the service takes the event and the conversation id allocated at the door. */
function commandOf(job: AbandonmentJob): AbandonmentCommand {
  return { ...job.payload, conversationId: job.conversationId };
}
