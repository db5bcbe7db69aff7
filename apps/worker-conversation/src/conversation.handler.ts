import type { ConversationBrain } from '@sara/ai';
import { InboundMessageService, OptOutKeywordCache, ProductOfferCatalog, WhatsAppInboundService, type ConversationSettings } from '@sara/domain';
import { OutboundMessageQueue, RedisCache, type WebhookHandler, type WhatsAppInboundJob } from '@sara/jobs';
import type { WorkerDeps } from '@sara/runtime';

/**
 * Handles one WhatsApp event and queues whatever Sara decided to say. If the enqueue fails
 * the job retries: the messages are rows with idempotency keys, so nothing is said twice.
 */
export function buildConversationHandler(brain: ConversationBrain, settings: ConversationSettings) {
  return (deps: WorkerDeps): WebhookHandler<WhatsAppInboundJob> => {
    const service = new WhatsAppInboundService(
      deps.prisma,
      new InboundMessageService(deps.prisma, {
        keywords: new OptOutKeywordCache(deps.prisma, new RedisCache(deps.redis), deps.queuePrefix),
        brain,
        offers: new ProductOfferCatalog(deps.prisma),
        settings,
      }),
    );
    const outbound = new OutboundMessageQueue(deps.redis, deps.queuePrefix);
    return async (job, { logger }) => {
      for (const messageId of await service.handle(job.payload, logger)) await outbound.enqueue(messageId, job.requestId);
    };
  };
}
