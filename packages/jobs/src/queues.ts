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
