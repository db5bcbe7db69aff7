import type { PrismaClientOrTransaction } from './client.js';

/** What a purged text becomes: the row, its counts and its status stay; the words do not. */
export const PURGED_TEXT = '[purged]';

export type RetentionResult = { messages: number; webhooks: number };

/**
 * Forgets what buyers wrote and what platforms posted once it is older than the retention
 * period, keeping every row and figure the reports read (types, ids, statuses, amounts, dates,
 * flags). Works in batches so one run never holds a long lock on a busy table; a row already
 * purged is not touched again, so a repeated run purges nothing.
 */
export async function purgeExpired(db: PrismaClientOrTransaction, options: { olderThan: Date; batchSize?: number }): Promise<RetentionResult> {
  const batch = options.batchSize ?? 1_000;
  let messages = 0;
  for (;;) {
    // metadata - 'outbound' drops what was sent (template parameters, the text) and keeps the rest.
    const purged = await db.$executeRaw`
      UPDATE messages SET message_text = ${PURGED_TEXT}, metadata = metadata - 'outbound'
      WHERE id IN (
        SELECT id FROM messages
        WHERE created_at < ${options.olderThan} AND (message_text <> ${PURGED_TEXT} OR metadata ? 'outbound')
        LIMIT ${batch}
      )`;
    messages += purged;
    if (purged < batch) break;
  }
  let webhooks = 0;
  for (;;) {
    const purged = await db.$executeRaw`
      UPDATE webhooks_log SET payload = '{}'::jsonb, event = CASE WHEN event IS NULL THEN NULL ELSE '{}'::jsonb END
      WHERE id IN (
        SELECT id FROM webhooks_log
        WHERE created_at < ${options.olderThan} AND (payload <> '{}'::jsonb OR (event IS NOT NULL AND event <> '{}'::jsonb))
        LIMIT ${batch}
      )`;
    webhooks += purged;
    if (purged < batch) break;
  }
  return { messages, webhooks };
}
