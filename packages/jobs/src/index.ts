export { QUEUES, type QueueName } from './queues.js';
export {
  E164,
  ABANDONMENT_KINDS,
  EVENT_SOURCES,
  ZAbandonmentEvent,
  ZAbandonmentJobPayload,
  ZPaymentJobPayload,
  type AbandonmentKind,
  type EventSource,
  type AbandonmentJobPayload,
  type PaymentJobPayload,
  ZPaymentEvent,
  ZWhatsAppEvent,
  type OutboundMessageJob,
  type AbandonmentEvent,
  type PaymentEvent,
  type WhatsAppEvent,
  type AbandonmentJob,
  type PaymentJob,
  type WhatsAppInboundJob,
} from './schemas.js';
export {
  JOBS,
  WEBHOOK_JOBS,
  JOB_OPTIONS,
  isWebhookType,
  type JobDefinition,
  type JobName,
  type JobData,
  type WebhookJob,
  type WebhookType,
} from './catalog.js';
export { createProducerConnection, createWorkerConnection } from './connection.js';
export { WebhookJobProducer, readStoredWebhook, type StoredWebhook } from './producer.js';
export { buildWorker, type JobContext, type WorkerOptions } from './worker.js';
export { runWebhookWorker, type WebhookHandler, type WebhookJobName, type WebhookLedger, type WebhookWorkerOptions } from './webhook-worker.js';
export { OutboundMessageQueue } from './outbound-queue.js';
export { QueueInspector, type FailedJobView } from './queue-inspector.js';
export { RedisCache } from './redis-cache.js';
