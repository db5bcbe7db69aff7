import {
  AbandonmentService,
  ProductOfferCatalog,
  RecoverySettingsStore,
  RecoveryStepService,
  SequenceCatalog,
  type AbandonmentCommand,
  type RecoverySettingsView,
  type TemplateSettings,
} from '@sara/domain';
import { OutboundMessageQueue, RecoveryStepQueue, type AbandonmentJob, type WebhookHandler } from '@sara/jobs';
import type { WorkerDeps } from '@sara/runtime';

export type RecoveryOptions = {
  templates: TemplateSettings;
  matchWindowMs: number;
  defaults: RecoverySettingsView;
  clock?: () => Date;
  erasureHashKey?: string;
};

/** The follow-up machinery both this handler and the step worker use. */
export function recoverySteps(deps: WorkerDeps, options: RecoveryOptions): RecoveryStepService {
  return new RecoveryStepService(deps.prisma, {
    sequences: new SequenceCatalog(deps.prisma, options.templates),
    settings: new RecoverySettingsStore(deps.prisma, options.defaults),
    offers: new ProductOfferCatalog(deps.prisma),
    templates: options.templates,
  });
}

/**
 * Starts a recovery: the domain service writes everything in one transaction, then the
 * template's send job is queued (rate-limited, delivered by the outbound worker), not before
 * the buyer's quiet hours and cap allow, and the sequence's next step is planned. If an
 * enqueue fails the job retries and finds the same rows.
 */
export function buildAbandonmentHandler(options: RecoveryOptions) {
  const clock = options.clock ?? (() => new Date());
  return (deps: WorkerDeps): WebhookHandler<AbandonmentJob> => {
    const settings = new RecoverySettingsStore(deps.prisma, options.defaults);
    const service = new AbandonmentService(deps.prisma, new ProductOfferCatalog(deps.prisma), options.templates, {
      matchWindowMs: options.matchWindowMs,
      holdoutPercent: async () => (await settings.get()).holdoutPercent,
      ...(options.erasureHashKey ? { erasureHashKey: options.erasureHashKey } : {}),
    });
    const steps = recoverySteps(deps, options);
    const outbound = new OutboundMessageQueue(deps.redis, deps.queuePrefix);
    const stepQueue = new RecoveryStepQueue(deps.redis, deps.queuePrefix);
    return async (job, { logger }) => {
      const started = await service.start(commandOf(job), logger);
      if (started.outcome !== 'template_queued') return;
      const { sendAt, next } = await steps.afterFirstTemplate(started.abandonmentId, started.messageId, clock());
      await outbound.enqueue(started.messageId, job.requestId, sendAt);
      if (next) await stepQueue.schedule(next);
    };
  };
}

/** The envelope stays in the worker: the service takes the event and the conversation id allocated at the door. */
function commandOf(job: AbandonmentJob): AbandonmentCommand {
  return { ...job.payload, conversationId: job.conversationId };
}
