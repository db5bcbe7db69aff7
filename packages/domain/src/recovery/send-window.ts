import type { PrismaClientOrTransaction } from '../client.js';
import { buyerTimeZone, nextSendableAt } from '../sequences/index.js';
import type { RecoverySettingsView } from './recovery-settings.js';

const DAY_MS = 24 * 3600_000;

export type SendWindow = { at: Date; deferredBy: 'quiet_hours' | 'buyer_cap' | null };

/**
 * When a recovery template due at `dueAt` may leave: outside the buyer's quiet hours (in the
 * buyer's own time zone) and within the cap of marketing templates per buyer per 24 h, counted
 * across all of the buyer's recoveries. Never earlier than `dueAt`, never dropped.
 */
export async function recoverySendWindow(
  db: PrismaClientOrTransaction,
  input: { userId: string; phone: string; dueAt: Date; exceptMessageId?: string },
  settings: RecoverySettingsView,
): Promise<SendWindow> {
  const zone = buyerTimeZone(input.phone, settings.timezone);
  const sent = await templatesSentTo(db, input.userId, input.exceptMessageId);
  let at = input.dueAt;
  let deferredBy: SendWindow['deferredBy'] = null;
  // Each pass can only move later; quiet hours and the cap settle within a few passes.
  for (let pass = 0; pass < 8; pass++) {
    const quiet = nextSendableAt(at, settings.quietHours, zone);
    if (quiet.getTime() > at.getTime()) deferredBy ??= 'quiet_hours';
    const capped = capFreeAt(quiet, sent, settings.maxTemplatesPerBuyerPer24h);
    if (capped.getTime() > quiet.getTime()) deferredBy ??= 'buyer_cap';
    if (capped.getTime() === at.getTime()) break;
    at = capped;
  }
  return { at, deferredBy };
}

/** The first instant at or after `at` when fewer than `cap` templates fall in the 24 h before it. */
function capFreeAt(at: Date, sent: Date[], cap: number): Date {
  const inWindow = sent.filter((time) => time.getTime() > at.getTime() - DAY_MS && time.getTime() <= at.getTime()).sort((a, b) => a.getTime() - b.getTime());
  if (inWindow.length < cap) return at;
  // The oldest ones must age out until one slot is free.
  const oldest = inWindow[inWindow.length - cap];
  return oldest ? new Date(oldest.getTime() + DAY_MS) : at;
}

/**
 * When each recovery template of this buyer left or will leave (the planned time of a step,
 * deferred or not), except those Meta refused or Sara blocked: they cost nothing and annoyed no one.
 */
async function templatesSentTo(db: PrismaClientOrTransaction, userId: string, exceptMessageId: string | undefined): Promise<Date[]> {
  const rows = await db.$queryRaw<{ sent_at: Date }[]>`
    SELECT s.sent_at FROM recovery_steps s
    JOIN abandonments a ON a.id = s.abandonment_id
    LEFT JOIN messages m ON m.id = s.message_id
    WHERE a.user_id = ${userId}::uuid AND s.status = 'sent' AND s.sent_at IS NOT NULL
      AND (m.status IS NULL OR m.status NOT IN ('failed', 'blocked'))
      AND (${exceptMessageId ?? null}::uuid IS NULL OR s.message_id IS DISTINCT FROM ${exceptMessageId ?? null}::uuid)`;
  return rows.map((row) => row.sent_at);
}
