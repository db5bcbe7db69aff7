import type { Redis } from 'ioredis';
import { z } from 'zod';
import { GraphWhatsAppClient, type WhatsAppClient } from './client.js';
import { TEMPLATE_LANGUAGE_PATTERN, TEMPLATE_NAME_PATTERN } from './messages.js';
import { SandboxWhatsAppClient } from './sandbox.js';

const zTemplateName = z.string().regex(TEMPLATE_NAME_PATTERN, 'must be a template name as registered at Meta (lowercase letters, digits, _)');

/** The WhatsApp part of an app's env schema; merge it with `.extend(zWhatsAppEnv.shape)`. */
export const zWhatsAppEnv = z.object({
  // The design document says graph.instagram.com; the Cloud API host is graph.facebook.com.
  WHATSAPP_API_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL (e.g. https://graph.facebook.com/v23.0)' })
    .default('https://graph.facebook.com/v23.0'),
  // Numeric only, because pasting the phone number instead of its ID is the usual setup mistake
  // and would otherwise surface as a Graph error 100 on the first send.
  WHATSAPP_PHONE_NUMBER_ID: z
    .string()
    .regex(/^(?:sandbox|\d+)$/, "must be the numeric phone number ID from Meta's WhatsApp Manager")
    .default('sandbox'),
  /** Absent (or empty, as a blank `.env` line gives) means the embedded sandbox transport. */
  WHATSAPP_ACCESS_TOKEN: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim())),
  /** Meta's default throughput per business number; the send queue's limiter reads it. */
  WHATSAPP_SEND_RATE_PER_SECOND: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be positive').default(80),
  // Checked at boot with the rules sends use, so a typo fails the deploy rather than the first buyer.
  WHATSAPP_TEMPLATE_LANGUAGE: z.string().regex(TEMPLATE_LANGUAGE_PATTERN, 'must be a Meta language code such as pt_BR or en').default('pt_BR'),
  WHATSAPP_TEMPLATE_ABANDONMENT: zTemplateName.default('sara_carrinho_abandonado'),
  WHATSAPP_TEMPLATE_THANKS: zTemplateName.default('sara_pagamento_confirmado'),
  /** A Pix generated or boleto printed and not paid yet: {{1}} name, {{2}} Pix|boleto, {{3}} product, {{4}} link. */
  WHATSAPP_TEMPLATE_PAYMENT_PENDING: zTemplateName.default('sara_pagamento_pendente'),
  /** A Pix or boleto that expired unpaid: same parameters, a fresh link. */
  WHATSAPP_TEMPLATE_PAYMENT_EXPIRED: zTemplateName.default('sara_pagamento_expirado'),
});
export type WhatsAppEnv = z.infer<typeof zWhatsAppEnv>;

/**
 * Graph when a token is configured, the sandbox when the number is "sandbox", so a fresh
 * checkout runs end to end. A real number without a token is a deploy mistake: silently
 * using the sandbox would record messages as sent that no buyer ever receives.
 */
export function createWhatsAppClient(env: WhatsAppEnv, deps: { redis: Redis; keyPrefix: string }): WhatsAppClient {
  if (env.WHATSAPP_ACCESS_TOKEN === undefined) {
    if (env.WHATSAPP_PHONE_NUMBER_ID !== 'sandbox') {
      throw new Error('WHATSAPP_ACCESS_TOKEN: is required when WHATSAPP_PHONE_NUMBER_ID names a real number (set the ID to "sandbox" to run without WhatsApp)');
    }
    return new SandboxWhatsAppClient({ redis: deps.redis, keyPrefix: deps.keyPrefix });
  }
  if (env.WHATSAPP_PHONE_NUMBER_ID === 'sandbox') {
    throw new Error('WHATSAPP_PHONE_NUMBER_ID: is required when WHATSAPP_ACCESS_TOKEN is set');
  }
  return new GraphWhatsAppClient({
    apiUrl: env.WHATSAPP_API_URL,
    phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
    accessToken: env.WHATSAPP_ACCESS_TOKEN,
  });
}

/** The approved template names and language: what the workers that open or close a recovery read. */
export const zTemplateEnv = zWhatsAppEnv.pick({
  WHATSAPP_TEMPLATE_LANGUAGE: true,
  WHATSAPP_TEMPLATE_ABANDONMENT: true,
  WHATSAPP_TEMPLATE_THANKS: true,
  WHATSAPP_TEMPLATE_PAYMENT_PENDING: true,
  WHATSAPP_TEMPLATE_PAYMENT_EXPIRED: true,
});
