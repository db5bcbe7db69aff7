import { afterAll, describe, expect, it } from 'vitest';
import { createTestPrisma } from '../../../test/support/database.js';
import {
  ABANDONMENT_STATUSES,
  COHORTS,
  CONVERSATION_STATUSES,
  CONVERSION_LINKS,
  MESSAGE_STATUSES,
  PAYMENT_MATCH_STATUSES,
  PAYMENT_MATCHED_BY,
  RECOVERY_STEP_STATUSES,
} from './states.js';

const prisma = createTestPrisma();
afterAll(async () => {
  await prisma.$disconnect();
});

/** The quoted values of a CHECK constraint, as Postgres itself prints its definition. */
async function allowedBy(constraint: string): Promise<string[]> {
  const [row] = await prisma.$queryRaw<{ definition: string }[]>`
    SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = ${constraint}`;
  if (!row) throw new Error(`constraint ${constraint} is not in the database`);
  return [...row.definition.matchAll(/'([^']+)'/g)].map((match) => match[1] ?? '');
}

describe('lifecycle states', () => {
  it.each([
    ['ck_conversations_status', CONVERSATION_STATUSES],
    ['ck_abandonments_status', ABANDONMENT_STATUSES],
    ['ck_abandonments_conversion_link', CONVERSION_LINKS],
    ['ck_messages_status', MESSAGE_STATUSES],
    ['ck_payments_match_status', PAYMENT_MATCH_STATUSES],
    ['ck_payments_matched_by', PAYMENT_MATCHED_BY],
    ['ck_abandonments_cohort', COHORTS],
    ['ck_recovery_steps_status', RECOVERY_STEP_STATUSES],
  ])('the database allows exactly the values of the code for %s', async (constraint, values) => {
    expect((await allowedBy(constraint)).sort()).toEqual([...values].sort());
  });

  it('refuses a state the code does not know', async () => {
    await expect(
      prisma.$executeRaw`INSERT INTO payments (source, external_id, amount, paid_at, match_status) VALUES ('sara', 'p_bad', 1, now(), 'pending')`,
    ).rejects.toThrow(/ck_payments_match_status|check constraint/i);
  });
});
