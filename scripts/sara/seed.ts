// `pnpm db:seed`: the demo product offers and their FAQs, in the database named by .env.
import { loadDotEnv, parseEnv, zBaseEnv } from '@sara/config';
import { createPrismaClient } from '@sara/domain';
import { seedDemoOffers } from './seed-offers.js';

loadDotEnv();
const env = parseEnv(zBaseEnv, process.env);
const prisma = createPrismaClient({ databaseUrl: env.DATABASE_URL, poolMax: 2, connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS });
try {
  const seeded = await seedDemoOffers(prisma);
  console.log(`seed: demo offers ready (${seeded.join(', ')}), links on https://pay.sara.example`);
} catch (error) {
  console.error(`seed: could not write the demo offers: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
