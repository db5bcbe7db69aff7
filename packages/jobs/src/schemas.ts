import { z } from 'zod';

/** E.164 with the plus sign: what Sara stores and what the abandonment webhook must carry. */
export const E164 = /^\+[1-9]\d{7,14}$/;

const MAX_MONEY = 99_999_999.99;

/**
 * The design's POST /webhook/abandonment body (section 6.1). The ingress validates it with
 * express-validator and stores it as received; workers re-validate with this schema.
 */
export const ZAbandonmentEvent = z.object({
  userId: z.string().trim().min(1).max(255),
  name: z.string().trim().min(1).max(255),
  phone: z.string().regex(E164),
  productId: z.string().trim().min(1).max(255),
  // The ingress checked URL and date formats; here the shape is re-checked, not re-judged.
  paymentLink: z.string().min(1).max(1024),
  abandonmentId: z.string().trim().min(1).max(255),
  timestamp: z.string().nullish(),
  value: z.number().positive().max(MAX_MONEY),
});
export type AbandonmentEvent = z.infer<typeof ZAbandonmentEvent>;

/** What the buyer left behind; each kind opens the conversation with its own template. */
export const ABANDONMENT_KINDS = ['cart', 'pix_generated', 'pix_expired', 'boleto_printed', 'boleto_expired'] as const;
export type AbandonmentKind = (typeof ABANDONMENT_KINDS)[number];

/**
 * Who reported an event: `sara` (Sara's own webhook format) or a checkout platform's name. The
 * gateways registry is the list of platforms and depends on this package, not the reverse, so
 * here a source is only held to a name that fits the `source` columns (varchar(20)).
 */
const ZEventSource = z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'must be a lowercase name of at most 20 characters');
export type EventSource = z.infer<typeof ZEventSource>;

const zEmail = z.string().trim().toLowerCase().max(255);

/**
 * What the abandonment worker receives: the design's event, or a checkout platform's mapped
 * onto it. Platforms do not always say the price or a link (Hotmart's abandoned cart has
 * neither: the product's offer row supplies the link).
 */
export const ZAbandonmentJobPayload = ZAbandonmentEvent.extend({
  /** The platform's product name, for the first message when Sara has no offer row for it. */
  productName: z.string().trim().min(1).max(255).nullish(),
  paymentLink: z.string().min(1).max(1024).nullish(),
  value: z.number().positive().max(MAX_MONEY).nullish(),
  kind: z.enum(ABANDONMENT_KINDS).default('cart'),
  source: ZEventSource.default('sara'),
  email: zEmail.nullish(),
  /** Not to be contacted before this instant: a checkout still being filled, a Pix just generated. */
  notBefore: z.iso.datetime({ offset: true }).nullish(),
});
export type AbandonmentJobPayload = z.infer<typeof ZAbandonmentJobPayload>;

/** The design's POST /webhook/payment body. */
export const ZPaymentEvent = z.object({
  abandonmentId: z.string().trim().min(1).max(255),
  paymentId: z.string().trim().min(1).max(255),
  status: z.string().trim().toLowerCase().min(1).max(50),
  amount: z.number().positive().max(99_999_999.99),
  productId: z.string().trim().min(1).max(255).nullish(),
  linkType: z.enum(['original', 'discounted']).nullish(),
  timestamp: z.string().nullish(),
});
export type PaymentEvent = z.infer<typeof ZPaymentEvent>;

/**
 * What the payment worker receives. A platform payment names no abandonment: it carries the
 * buyer (and, on Shopify, the checkout it completed) to be matched by.
 */
export const ZPaymentJobPayload = ZPaymentEvent.extend({
  abandonmentId: z.string().trim().min(1).max(255).nullish(),
  source: ZEventSource.default('sara'),
  buyer: z.object({ phone: z.string().regex(E164).nullish(), email: zEmail.nullish() }).nullish(),
  /** The abandonment external id of the checkout this payment completed, when the platform says. */
  checkoutKey: z.string().min(1).max(255).nullish(),
  currency: z.string().length(3).nullish(),
}).refine((event) => event.abandonmentId || event.checkoutKey || event.buyer?.phone || event.buyer?.email, {
  message: 'names no abandonment and no buyer to match by',
});
export type PaymentJobPayload = z.infer<typeof ZPaymentJobPayload>;

/**
 * One WhatsApp event as Meta would have posted it alone: `{object, entry:[{id, changes:[one
 * change whose value holds one message, status or preference]}]}`. The worker reads it with
 * its own parser; here only the envelope is checked.
 */
export const ZWhatsAppEvent = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(
      z.looseObject({
        // The ingress writes a string; rows logged before it coerced may hold a number or nothing.
        id: z.preprocess((id) => (typeof id === 'number' && Number.isFinite(id) ? String(id) : (id ?? '')), z.string()),
        changes: z.array(z.looseObject({ field: z.string(), value: z.looseObject({}) })).length(1),
      }),
    )
    .length(1),
});
export type WhatsAppEvent = z.infer<typeof ZWhatsAppEvent>;

const ZTraceCarrier = z.record(z.string(), z.string().max(512)).optional();

const jobEnvelope = <T extends z.ZodType>(payload: T) =>
  z.object({
    /** The webhooks_log row this job processes: the job id and the dedupe key. */
    webhookLogId: z.uuid(),
    webhookType: z.string(),
    requestId: z.string().max(128).optional(),
    /** Pre-allocated at the door for abandonments. */
    conversationId: z.uuid().optional(),
    /** W3C trace context of the request that enqueued the job, so the trace continues. */
    trace: ZTraceCarrier,
    payload,
  });

export const ZAbandonmentJob = jobEnvelope(ZAbandonmentJobPayload);
export const ZPaymentJob = jobEnvelope(ZPaymentJobPayload);
export const ZWhatsAppInboundJob = jobEnvelope(ZWhatsAppEvent);
export type AbandonmentJob = z.infer<typeof ZAbandonmentJob>;
export type PaymentJob = z.infer<typeof ZPaymentJob>;
export type WhatsAppInboundJob = z.infer<typeof ZWhatsAppInboundJob>;

/** Send one message row; the row holds recipient and content, so the job carries only its id. */
export const ZOutboundMessageJob = z.object({
  messageId: z.uuid(),
  requestId: z.string().max(128).optional(),
  trace: ZTraceCarrier,
});
export type OutboundMessageJob = z.infer<typeof ZOutboundMessageJob>;

/** Wake one step of one abandonment's sequence; the step's row in Postgres holds the rest. */
export const ZRecoveryStepJob = z.object({
  abandonmentId: z.uuid(),
  step: z.number().int().min(1).max(5),
  /** Each try of a step is its own job: a marketing limit reschedules it as the next attempt. */
  attempt: z.number().int().min(1).max(3),
  trace: ZTraceCarrier,
});
export type RecoveryStepJob = z.infer<typeof ZRecoveryStepJob>;

/** One retention purge; the cut-off is computed when it runs, from the worker's RETENTION_DAYS. */
export const ZRetentionJob = z.object({ trace: ZTraceCarrier });
export type RetentionJob = z.infer<typeof ZRetentionJob>;
