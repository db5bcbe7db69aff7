/**
 * Queue names. NEVER rename one once shipped: jobs already in Redis under the old name would
 * be stranded. Add a new queue instead and drain the old one.
 */
export const QUEUES = {
  abandonment: 'abandonment-received',
  payment: 'payment-received',
  whatsappInbound: 'whatsapp-inbound',
  /** Every message Sara sends, through one rate-limited queue per WhatsApp number. */
  whatsappOutbound: 'whatsapp-outbound',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** The webhook type stored in webhooks_log, and the queue each type is handled on. */
export const WEBHOOK_TYPE_QUEUE = {
  abandonment: QUEUES.abandonment,
  payment: QUEUES.payment,
  whatsapp_message: QUEUES.whatsappInbound,
  whatsapp_status: QUEUES.whatsappInbound,
  whatsapp_preference: QUEUES.whatsappInbound,
  whatsapp_event: QUEUES.whatsappInbound,
} as const satisfies Record<string, QueueName>;

export type WebhookType = keyof typeof WEBHOOK_TYPE_QUEUE;

export function isWebhookType(value: string): value is WebhookType {
  return Object.hasOwn(WEBHOOK_TYPE_QUEUE, value);
}
