import { fileURLToPath } from 'node:url';
import { loadDotEnv, parseEnv, zBaseEnv } from '@sara/config';
import { migrateDatabase } from './runner.js';

// Same relative position from src/migrate and dist/migrate.
const MIGRATIONS_DIR = fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url));

loadDotEnv();
const env = parseEnv(zBaseEnv.pick({ DATABASE_URL: true }));
const target = new URL(env.DATABASE_URL);
try {
  const result = await migrateDatabase({
    databaseUrl: env.DATABASE_URL,
    migrationsDir: MIGRATIONS_DIR,
    log: (message) => console.log(`db:migrate: ${message}`),
  });
  console.log(
    `db:migrate: ${target.host}${target.pathname} is up to date (${result.applied.length} applied now, ${result.alreadyApplied.length} already applied).`,
  );
} catch (error) {
  console.error(`db:migrate: ${(error as Error).message}`);
  process.exitCode = 1;
}
