import { z } from 'zod';

/** Development and tests only: production refuses it (refuseDevErasureKeyInProduction). */
export const DEV_ERASURE_HASH_KEY = 'sara-development-erasure-hash-key';

/**
 * The key of the tombstones an erased, opted-out buyer leaves (HMAC-SHA256 of the phone). It must
 * never change: a new key makes every tombstone unreadable and those buyers reachable again.
 * Its own variable, because no other secret is promised to stay stable.
 */
export const zErasureEnv = z.object({
  ERASURE_HASH_KEY: z
    .string()
    .min(16, 'must be at least 16 characters')
    .refine((value) => !/change-?me/i.test(value), 'is still the placeholder from .env.example; set a real secret')
    .default(DEV_ERASURE_HASH_KEY),
});

/** A production install with the development key would hash tombstones anyone can recompute. */
export function refuseDevErasureKeyInProduction(env: { NODE_ENV: string; ERASURE_HASH_KEY: string }, ctx: z.RefinementCtx): void {
  if (env.NODE_ENV === 'production' && env.ERASURE_HASH_KEY === DEV_ERASURE_HASH_KEY) {
    ctx.addIssue({ code: 'custom', path: ['ERASURE_HASH_KEY'], message: 'is required in production (node scripts/write-env.mjs .env writes one)' });
  }
}
