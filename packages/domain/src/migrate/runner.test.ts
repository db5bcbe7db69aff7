import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { TEST_DATABASE_URL } from '../../../../test/test-env.js';
import { migrateDatabase } from './runner.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url));
const created: string[] = [];

function scratchDatabaseUrl(): string {
  const url = new URL(TEST_DATABASE_URL);
  const name = `sara_migrate_${process.pid}_${created.length}`;
  url.pathname = `/${name}`;
  created.push(name);
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  const maintenance = new URL(TEST_DATABASE_URL);
  maintenance.pathname = '/postgres';
  for (const name of created) await query(maintenance.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

const ALL_MIGRATIONS = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('migrateDatabase', () => {
  it('creates a missing database, applies every migration once and records it as prisma migrate deploy does', async () => {
    const databaseUrl = scratchDatabaseUrl();
    const first = await migrateDatabase({ databaseUrl, migrationsDir: MIGRATIONS_DIR });
    expect(first.databaseCreated).toBe(true);
    expect(ALL_MIGRATIONS[0]).toBe('20261124000000_init');
    expect(first.applied).toEqual(ALL_MIGRATIONS);

    const second = await migrateDatabase({ databaseUrl, migrationsDir: MIGRATIONS_DIR });
    expect(second).toEqual({ applied: [], alreadyApplied: ALL_MIGRATIONS, databaseCreated: false });

    const [record] = await query<{ checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      databaseUrl,
      `SELECT checksum, finished_at, applied_steps_count FROM "_prisma_migrations" WHERE migration_name = '20261124000000_init'`,
    );
    const sql = readFileSync(join(MIGRATIONS_DIR, '20261124000000_init', 'migration.sql'));
    expect(record).toMatchObject({ checksum: createHash('sha256').update(sql).digest('hex'), applied_steps_count: 1 });
    expect(record?.finished_at).toBeInstanceOf(Date);
  });

  it('lets concurrent migrators race safely: one applies, the others find it done', async () => {
    const databaseUrl = scratchDatabaseUrl();
    const results = await Promise.all([1, 2, 3].map(() => migrateDatabase({ databaseUrl, migrationsDir: MIGRATIONS_DIR })));
    expect(results.flatMap((result) => result.applied).sort()).toEqual(ALL_MIGRATIONS);
  });

  it('rolls back a failing migration and refuses to continue until someone resolves it', async () => {
    const databaseUrl = scratchDatabaseUrl();
    const dir = mkdtempSync(join(tmpdir(), 'sara-migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    mkdirSync(join(dir, '20991231000000_broken'));
    writeFileSync(join(dir, '20991231000000_broken', 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n');

    await expect(migrateDatabase({ databaseUrl, migrationsDir: dir })).rejects.toThrow(/20991231000000_broken failed/);
    expect(await query(databaseUrl, "SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'")).toHaveLength(0);
    await expect(migrateDatabase({ databaseUrl, migrationsDir: dir })).rejects.toThrow(/failed earlier and was not resolved/);
  });
});
