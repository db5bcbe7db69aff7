import { z } from 'zod';

export const zPort = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be 0..65535')
  .max(65535, 'must be 0..65535');

const zPositiveInt = (fallback: number) =>
  z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be positive').default(fallback);

const zUrl = (protocols: string[], example: string) =>
  z.string({ message: `is required (e.g. ${example})` }).refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a ${protocols.join(' or ')}// URL (e.g. ${example})`,
  );

/** What every Sara process reads: where its state lives and how it logs. */
export const zBaseEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: zUrl(['postgresql:', 'postgres:'], 'postgresql://postgres@127.0.0.1:5432/sara').default('postgresql://postgres@127.0.0.1:5432/sara'),
  DATABASE_POOL_MAX: zPositiveInt(10),
  DATABASE_CONNECT_TIMEOUT_MS: zPositiveInt(5_000),
  REDIS_URL: zUrl(['redis:', 'rediss:'], 'redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
  /** Key prefix of every BullMQ queue, so several Sara installs can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'may hold letters, digits, - and _ only')
    .default('sara'),
  /** Error tracking; empty = off. (OpenTelemetry reads its standard OTEL_* variables itself.) */
  SENTRY_DSN: z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined))
    .refine((value) => value === undefined || /^https?:\/\//.test(value), 'must be a Sentry DSN URL'),
  SENTRY_ENVIRONMENT: z.string().optional(),
});
export type BaseEnv = z.infer<typeof zBaseEnv>;

const zSecret = (name: string) =>
  z
    .string({ message: `is required: ${name}` })
    .min(8, 'must be at least 8 characters')
    .refine((value) => !/change-?me/i.test(value), 'is still the placeholder from .env.example; set a real secret');

/** Secrets that authenticate inbound webhooks. */
export const zWebhookSecretsEnv = z.object({
  PAYMENT_WEBHOOK_SECRET: zSecret('the HMAC key the checkout platform signs webhooks with'),
  WHATSAPP_APP_SECRET: zSecret('the Meta app secret that signs WhatsApp webhooks'),
  WHATSAPP_VERIFY_TOKEN: zSecret('the token Meta echoes when the webhook is registered'),
});

export const zAdminEnv = z.object({
  ADMIN_API_KEY: z
    .string({ message: 'is required: the bearer token of the admin API' })
    .min(16, 'must be at least 16 characters')
    .refine((value) => !/change-?me/i.test(value), 'is still a placeholder; set a real secret'),
});

/** What every worker app reads on top of the base. */
export const zWorkerEnv = zBaseEnv.extend({
  /** Jobs one replica runs at once; scale out with more replicas rather than a huge number here. */
  WORKER_CONCURRENCY: zPositiveInt(10),
  /** GET /health, /ready and /metrics of this worker; 0 = any free port (several replicas on one host). */
  METRICS_PORT: zPort.default(0),
  /**
   * How long a job stays locked to a replica without a heartbeat. A replica killed mid-job has
   * its job handed to another after about this long (BullMQ's default is 30 s).
   */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).default(30_000),
});

/** How long buyers' words and raw webhook payloads are kept before the retention purge clears them. */
export const zRetentionEnv = z.object({
  RETENTION_DAYS: z.coerce
    .number({ message: 'must be a number of days' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(3_650, 'must be at most 3650 (10 years)')
    .default(180),
});

/** How far back a platform payment (which names no abandonment) looks for the abandonment it recovers. */
export const zPaymentMatchingEnv = z.object({
  PAYMENT_MATCH_WINDOW_HOURS: z.coerce
    .number({ message: 'must be a number of hours' })
    .int('must be a whole number')
    .positive('must be positive')
    .max(24 * 90, 'must be at most 2160 (90 days)')
    .default(168),
});

/**
 * When recovery templates may not reach a buyer, in the buyer's local time, until the admin API
 * sets it: 22:00-08:00 by default (evening shoppers still hear back before ten; nobody is woken).
 */
export const zRecoveryEnv = z.object({
  QUIET_HOURS: z
    .string()
    .trim()
    .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d-(?:[01]\d|2[0-3]):[0-5]\d)?$/, 'must be HH:MM-HH:MM (e.g. 22:00-08:00), or empty for none')
    .default('22:00-08:00'),
});

/**
 * How Sara's replies are composed: read by the conversation worker that sends them, and by the
 * admin routes' offer test ("Testar") that shows one before the offer is saved.
 */
export const zReplyEnv = z.object({
  /** Longest reply Sara sends, links included (WhatsApp allows 4096). */
  AI_REPLY_MAX_CHARS: z.coerce.number().int().min(200).max(4096).default(700),
  /** The discount link goes, unasked, to carts above this many reais. */
  DISCOUNT_MIN_CART_VALUE: z.coerce.number().min(0).max(1_000_000).default(500),
  /** The discount link is offered at most this many times in one conversation. */
  DISCOUNT_MAX_OFFERS: z.coerce.number().int().min(0).max(20).default(3),
});
