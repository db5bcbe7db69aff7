import {
  parseEnv,
  zAdminEnv,
  refuseDevErasureKeyInProduction,
  zBaseEnv,
  zErasureEnv,
  zPaymentMatchingEnv,
  zPort,
  zRecoveryEnv,
  zReplyEnv,
  zWebhookSecretsEnv,
} from '@sara/config';
import { zGatewaysEnv } from '@sara/gateways';
import { zTemplateEnv } from '@sara/whatsapp';
import { z } from 'zod';

export const ZIngressEnv = zBaseEnv
  .extend(zWebhookSecretsEnv.shape)
  .extend(zAdminEnv.shape)
  .extend(zErasureEnv.shape)
  // The admin API shows and edits the follow-up sequences, named after these templates.
  .extend(zTemplateEnv.shape)
  .extend(zRecoveryEnv.shape)
  // "Vincular" settles a payment through the payment worker's service; "Testar" composes a reply as the conversation worker does.
  .extend(zPaymentMatchingEnv.shape)
  .extend(zReplyEnv.shape)
  // Each checkout platform declares its own variables: a new platform adds none here.
  .extend(zGatewaysEnv.shape)
  .extend({
    PORT: zPort.default(3000),
    /** Larger bodies answer 413. Meta batches stay far below 1 MB. */
    WEBHOOK_BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must look like 512kb or 1mb')
      .default('1mb'),
    /** How often the outbox relay looks for events stored while Redis was unreachable. */
    OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
    /** Bearer token GET /metrics requires; unset (or empty) leaves /metrics open, for a private port only. */
    METRICS_TOKEN: z
      .string()
      .optional()
      .transform((value) => (value?.trim() ? value.trim() : undefined))
      .refine((value) => value === undefined || value.length >= 16, 'must be at least 16 characters')
      .refine((value) => value === undefined || !/change-?me/i.test(value), 'is still a placeholder; set a real secret'),
  });
export type IngressEnv = z.infer<typeof ZIngressEnv>;

export function loadIngressEnv(source: NodeJS.ProcessEnv = process.env): IngressEnv {
  return parseEnv(ZIngressEnv.superRefine(refuseDevErasureKeyInProduction), source);
}
