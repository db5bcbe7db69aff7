export { QUEUES, type QueueName } from './queues.js';
export {
  E164,
  ABANDONMENT_KINDS,
  ZAbandonmentJobPayload,
  ZPaymentJobPayload,
  type AbandonmentKind,
  type EventSource,
  type AbandonmentJobPayload,
  type PaymentJobPayload,
  type AbandonmentEvent,
  type PaymentEvent,
  type AbandonmentJob,
  type PaymentJob,
  type WhatsAppInboundJob,
} from './schemas.js';
export { JOBS, WEBHOOK_JOBS, type JobData, type WebhookType } from './catalog.js';
export { createProducerConnection, createWorkerConnection } from './connection.js';
export { WebhookJobProducer, readStoredWebhook, type StoredWebhook } from './producer.js';
export { buildWorker, deferUntil, type Deferral } from './worker.js';
export { runWebhookWorker, type WebhookHandler, type WebhookJobName, type WebhookLedger } from './webhook-worker.js';
export { OutboundMessageQueue } from './outbound-queue.js';
export { RecoveryStepQueue, recoveryStepJobId } from './recovery-step-queue.js';
export { QueueInspector } from './queue-inspector.js';
export { RedisCache } from './redis-cache.js';
