import { parseEnv, zWorkerEnv } from '@sara/config';
import { zWhatsAppEnv } from '@sara/whatsapp';
import type { z } from 'zod';

export const ZAbandonmentWorkerEnv = zWorkerEnv.extend(
  zWhatsAppEnv.pick({ WHATSAPP_TEMPLATE_LANGUAGE: true, WHATSAPP_TEMPLATE_ABANDONMENT: true, WHATSAPP_TEMPLATE_THANKS: true }).shape,
);
export type AbandonmentWorkerEnv = z.infer<typeof ZAbandonmentWorkerEnv>;

export function loadWorkerEnv(source: NodeJS.ProcessEnv = process.env): AbandonmentWorkerEnv {
  return parseEnv(ZAbandonmentWorkerEnv, source);
}
