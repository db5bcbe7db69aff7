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
  /** The follow-ups of recovery sequences, each a delayed job waking at its step's due time. */
  recoveryStep: 'recovery-step',
  /** The retention purge: one scheduled job per installation, whatever the replicas. */
  retention: 'retention',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
