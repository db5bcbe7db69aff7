import { parseEnv, refuseDevErasureKeyInProduction, zBaseEnv, zErasureEnv, zPaymentMatchingEnv, zPort, zRecoveryEnv, zReplyEnv } from '@sara/config';
import { zTemplateEnv } from '@sara/whatsapp';
import { z } from 'zod';

export const ZConsoleEnv = zBaseEnv
  // Operators send the shop's approved templates once Meta's window closed, named as for Sara.
  .extend(zTemplateEnv.shape)
  // The merchant pages: erasure keys its tombstones like the ingress; settings start from the
  // installation's quiet hours; "Vincular" settles as the payment worker; "Testar" composes as
  // the conversation worker.
  .extend(zErasureEnv.shape)
  .extend(zRecoveryEnv.shape)
  .extend(zPaymentMatchingEnv.shape)
  .extend(zReplyEnv.shape)
  .extend({
    CONSOLE_PORT: zPort.default(3001),
    /** Keys the stored hash of every session token: a copy of the sessions table opens none. */
    CONSOLE_SESSION_SECRET: z
      .string({ message: 'is required: the key console sessions are hashed with (32 characters or more)' })
      .min(32, 'must be at least 32 characters')
      .refine((value) => !/change-?me/i.test(value), 'is still the placeholder from .env.example; set a real secret'),
    /** A session unused this long ends (default 12 h, a working day). */
    CONSOLE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(10_080).default(720),
    /** Failed or not, at most this many logins per minute from one address and e-mail. */
    CONSOLE_LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000).default(10),
    /** Proxies in front whose X-Forwarded-For is believed: behind one, the login limit must see the client, not the proxy. */
    CONSOLE_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  });
export type ConsoleEnv = z.infer<typeof ZConsoleEnv>;

export function loadConsoleEnv(source: NodeJS.ProcessEnv = process.env): ConsoleEnv {
  return parseEnv(ZConsoleEnv.superRefine(refuseDevErasureKeyInProduction), source);
}
