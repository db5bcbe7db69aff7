export { QUEUES, WEBHOOK_TYPE_QUEUE, isWebhookType, type QueueName, type WebhookType } from './queues.js';
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
  ZAbandonmentJob,
  ZPaymentJob,
  ZWhatsAppInboundJob,
  ZOutboundMessageJob,
  type OutboundMessageJob,
  type AbandonmentEvent,
  type PaymentEvent,
  type WhatsAppEvent,
  type AbandonmentJob,
  type PaymentJob,
  type WhatsAppInboundJob,
} from './schemas.js';
export { JOB_OPTIONS } from './options.js';
export { createProducerConnection, createWorkerConnection } from './connection.js';
export { WebhookJobProducer, type WebhookJob } from './producer.js';
export { runWebhookWorker, type WebhookHandler, type WebhookLedger, type WebhookWorkerOptions } from './worker.js';
export { OutboundMessageQueue } from './outbound-queue.js';
export { runInstrumented } from './job-instrumentation.js';
export { QueueInspector, type FailedJobView } from './queue-inspector.js';
