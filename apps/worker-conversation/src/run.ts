import { createBrain } from '@sara/ai-openai';
import { OutboundMessageQueue, RecoveryStepQueue } from '@sara/jobs';
import { bootWebhookWorker, OutboundSweeper, startOutboundWorker } from '@sara/runtime';
import { createWhatsAppClient } from '@sara/whatsapp';
import { buildConversationHandler } from './conversation.handler.js';
import { loadWorkerEnv } from './env.js';

const env = loadWorkerEnv();
// Without OPENAI_API_KEY, the embedded offline pt-BR brain answers.
const brain = createBrain(env);
await bootWebhookWorker({
  service: 'worker-conversation',
  job: 'whatsappInbound',
  env,
  buildHandler: buildConversationHandler(brain, {
    maxExchanges: env.CONVERSATION_MAX_EXCHANGES,
    replyMaxChars: env.AI_REPLY_MAX_CHARS,
    discount: { minCartValue: env.DISCOUNT_MIN_CART_VALUE, maxOffers: env.DISCOUNT_MAX_OFFERS },
  }),
  // Every message Sara sends leaves through this one rate-limited queue.
  startCompanions: (deps) => {
    const client = createWhatsAppClient(env, { redis: deps.redis, keyPrefix: deps.queuePrefix });
    deps.logger.info({ transport: client.transport }, 'WhatsApp transport');
    new OutboundSweeper(deps.prisma, new OutboundMessageQueue(deps.redis, deps.queuePrefix), deps.logger).start();
    return [
      startOutboundWorker({
        connection: deps.workerConnection,
        prefix: deps.queuePrefix,
        prisma: deps.prisma,
        client,
        ratePerSecond: env.WHATSAPP_SEND_RATE_PER_SECOND,
        concurrency: env.WORKER_CONCURRENCY,
        logger: deps.logger,
        lockDurationMs: env.WORKER_LOCK_DURATION_MS,
        stalledIntervalMs: env.WORKER_LOCK_DURATION_MS,
        steps: new RecoveryStepQueue(deps.redis, deps.queuePrefix),
      }),
    ];
  },
});
