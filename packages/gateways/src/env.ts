import { z } from 'zod';

/**
 * A platform's secret. Unset or blank, the platform's route answers 404, so a shop exposes only
 * the platforms it uses; set, it must look like a real secret, not the .env.example placeholder.
 */
export function zPlatformSecret(what: string) {
  const longEnough = (value: string | undefined) => value === undefined || value.length >= 8;
  const notPlaceholder = (value: string | undefined) => value === undefined || !/change-?me/i.test(value);
  return z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined)
    .refine(longEnough, `must be at least 8 characters (${what})`)
    .refine(notPlaceholder, 'is still a placeholder; set the real secret or leave it empty');
}

export function zMinutes(fallback: number) {
  return z.coerce.number({ message: 'must be a number of minutes' }).int('must be a whole number').min(0, 'must be 0 or more').default(fallback);
}

/** What several platforms read and none owns. */
export const zSharedGatewayEnv = z.object({
  /** A Pix generated or boleto printed and still unpaid this long later gets a reminder. */
  PENDING_PAYMENT_REMINDER_DELAY_MINUTES: zMinutes(30),
});

/** The instant a `zMinutes` setting after `from`, as the jobs carry it. */
export function minutesAfter(from: Date, minutes: number): string {
  return new Date(from.getTime() + minutes * 60_000).toISOString();
}
