/**
 * Tests use the machine's own Postgres and Redis (see the README): a separate database, and
 * a queue prefix per test so parallel runs on one Redis never see each other's jobs.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sara_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
