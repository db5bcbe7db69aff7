import { createPrismaClient, type PrismaClient } from '@sara/domain';
import { TEST_DATABASE_URL } from '../test-env.js';

export function createTestPrisma(databaseUrl = TEST_DATABASE_URL): PrismaClient {
  return createPrismaClient({ databaseUrl, poolMax: 5, connectTimeoutMs: 2_000 });
}

/** Empties every table but the seeded opt-out keywords. audit_events refuses UPDATE and DELETE, not TRUNCATE. */
export async function truncateAll(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRawUnsafe(
    'TRUNCATE TABLE audit_events, operator_sessions, operators, erasure_tombstones, recovery_steps, recovery_sequences, recovery_settings, checkouts, payments, messages, conversations, abandonments, users, product_offers, webhooks_log RESTART IDENTITY CASCADE',
  );
}
