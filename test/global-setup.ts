import { fileURLToPath } from 'node:url';
import { migrateDatabase } from '../packages/domain/src/migrate/runner.js';
import { TEST_DATABASE_URL } from './test-env.js';

/** Migrates the test database once per run, exactly as `pnpm db:migrate` would. */
export default async function setup(): Promise<void> {
  await migrateDatabase({
    databaseUrl: TEST_DATABASE_URL,
    migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
    log: () => {},
  });
}
