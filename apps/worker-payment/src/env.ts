import { parseEnv, zPaymentMatchingEnv, zWorkerEnv } from '@sara/config';
import { zTemplateEnv } from '@sara/whatsapp';
import type { z } from 'zod';

export const ZPaymentWorkerEnv = zWorkerEnv.extend(zTemplateEnv.shape).extend(zPaymentMatchingEnv.shape);
export type PaymentWorkerEnv = z.infer<typeof ZPaymentWorkerEnv>;

export function loadWorkerEnv(source: NodeJS.ProcessEnv = process.env): PaymentWorkerEnv {
  return parseEnv(ZPaymentWorkerEnv, source);
}
