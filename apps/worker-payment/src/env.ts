import { parseEnv, zWorkerEnv } from '@sara/config';
import { zWhatsAppEnv } from '@sara/whatsapp';
import type { z } from 'zod';

export const ZPaymentWorkerEnv = zWorkerEnv.extend(
  zWhatsAppEnv.pick({ WHATSAPP_TEMPLATE_LANGUAGE: true, WHATSAPP_TEMPLATE_ABANDONMENT: true, WHATSAPP_TEMPLATE_THANKS: true }).shape,
);
export type PaymentWorkerEnv = z.infer<typeof ZPaymentWorkerEnv>;

export function loadWorkerEnv(source: NodeJS.ProcessEnv = process.env): PaymentWorkerEnv {
  return parseEnv(ZPaymentWorkerEnv, source);
}
