import type { DefaultJobOptions } from 'bullmq';
import type { z } from 'zod';
import { retrying } from './options.js';
import { QUEUES, type QueueName } from './queues.js';
import { ZAbandonmentJob, ZOutboundMessageJob, ZPaymentJob, ZRecoveryStepJob, ZRetentionJob, ZWhatsAppInboundJob } from './schemas.js';

/** One kind of job: the queue it travels on, the schema its data must pass, its retry policy. */
export type JobDefinition<S extends z.ZodType = z.ZodType> = { queue: QueueName; schema: S; options: DefaultJobOptions };

/** Every job Sara runs. Producers and workers are typed from this record and nothing else. */
export const JOBS = {
  abandonment: { queue: QUEUES.abandonment, schema: ZAbandonmentJob, options: retrying(8) },
  // A payment can arrive before its abandonment: exponential retries over about 18 h.
  payment: { queue: QUEUES.payment, schema: ZPaymentJob, options: retrying(16) },
  whatsappInbound: { queue: QUEUES.whatsappInbound, schema: ZWhatsAppInboundJob, options: retrying(8) },
  // The design's 1 s, 2 s, 4 s, 8 s: four retries, then the message is marked failed.
  whatsappOutbound: { queue: QUEUES.whatsappOutbound, schema: ZOutboundMessageJob, options: retrying(5) },
  recoveryStep: { queue: QUEUES.recoveryStep, schema: ZRecoveryStepJob, options: retrying(8) },
  // A failed purge is simply done by the next day's run; a few retries cover a Postgres blip.
  retention: { queue: QUEUES.retention, schema: ZRetentionJob, options: retrying(4) },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.output<(typeof JOBS)[N]['schema']>;

/** The webhook type stored in webhooks_log, and the job each type becomes. */
export const WEBHOOK_JOBS = {
  abandonment: JOBS.abandonment,
  payment: JOBS.payment,
  whatsapp_message: JOBS.whatsappInbound,
  whatsapp_status: JOBS.whatsappInbound,
  whatsapp_preference: JOBS.whatsappInbound,
  whatsapp_event: JOBS.whatsappInbound,
} as const;

export type WebhookType = keyof typeof WEBHOOK_JOBS;

export function isWebhookType(value: string): value is WebhookType {
  return Object.hasOwn(WEBHOOK_JOBS, value);
}

/** What a producer gives for one webhook row: the envelope fields and a payload of its type's schema. */
export type WebhookJob<T extends WebhookType = WebhookType> = {
  [K in T]: Omit<z.input<(typeof WEBHOOK_JOBS)[K]['schema']>, 'webhookType' | 'trace'> & { webhookType: K };
}[T];

/** The retry policy of each queue, for code that reads attempts (the outbound sender's last try). */
export const JOB_OPTIONS = Object.fromEntries(Object.values(JOBS).map((job) => [job.queue, job.options])) as Record<QueueName, DefaultJobOptions>;
