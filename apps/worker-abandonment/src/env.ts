import { parseEnv, refuseDevErasureKeyInProduction, zErasureEnv, zPaymentMatchingEnv, zRecoveryEnv, zRetentionEnv, zWorkerEnv } from '@sara/config';
import { zTemplateEnv } from '@sara/whatsapp';
import type { z } from 'zod';

export const ZAbandonmentWorkerEnv = zWorkerEnv
  .extend(zTemplateEnv.shape)
  .extend(zPaymentMatchingEnv.shape)
  .extend(zRecoveryEnv.shape)
  .extend(zRetentionEnv.shape)
  // The tombstones of erased buyers who opted out: checked before a new recovery contacts anyone.
  .extend(zErasureEnv.shape);
export type AbandonmentWorkerEnv = z.infer<typeof ZAbandonmentWorkerEnv>;

export function loadWorkerEnv(source: NodeJS.ProcessEnv = process.env): AbandonmentWorkerEnv {
  return parseEnv(ZAbandonmentWorkerEnv.superRefine(refuseDevErasureKeyInProduction), source);
}
