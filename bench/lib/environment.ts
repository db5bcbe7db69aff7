import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { createPrismaClient, type PrismaClient } from '@sara/domain';
import { createProducerConnection, QUEUES, type QueueName } from '@sara/jobs';
import type { Redis } from 'ioredis';
import { migrateDatabase } from '../../packages/domain/src/migrate/runner.js';
import { truncateAll } from '../../test/support/database.js';
import { cpuProfilesIn, summarizeCpuProfile, type ProfileSummary } from './cpu-profile.js';
import { BenchProcess, type AppName } from './processes.js';

/** A database of its own, so a benchmark never touches `sara` or the tests' `sara_test`. */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sara_bench';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SECRETS = {
  PAYMENT_WEBHOOK_SECRET: 'bench-payment-secret-0123456789',
  WHATSAPP_APP_SECRET: 'bench-meta-app-secret-0123456789',
  WHATSAPP_VERIFY_TOKEN: 'bench-verify-token-0123',
  ADMIN_API_KEY: 'bench-admin-key-0123456789abcdef',
  // Required in production since buyers can be erased (the apps run with NODE_ENV=production here).
  ERASURE_HASH_KEY: 'bench-erasure-hash-key-0123456789',
};
export const PHONE_NUMBER_ID = '106540352242922';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
let migrated: Promise<unknown> | undefined;

/**
 * One benchmark's world: the migrated, emptied bench database, a queue prefix nobody else
 * uses, and the app processes it starts. `close()` stops them and deletes every Redis key
 * under the prefix.
 */
export class BenchEnvironment {
  readonly prefix = `sara-bench-${randomUUID().slice(0, 8)}`;
  readonly prisma: PrismaClient = createPrismaClient({ databaseUrl: BENCH_DATABASE_URL, poolMax: 4, connectTimeoutMs: 5_000 });
  readonly redis: Redis = createProducerConnection(BENCH_REDIS_URL);
  /** Running processes; `#started` keeps every one, to remove their directories at the end. */
  readonly processes: BenchProcess[] = [];
  readonly #started: BenchProcess[] = [];

  private constructor() {}

  /** Takes charge of a process: stopped and its directory (logs, profiles) removed on close. */
  track(child: BenchProcess): BenchProcess {
    this.processes.push(child);
    this.#started.push(child);
    return child;
  }

  static async open(): Promise<BenchEnvironment> {
    migrated ??= migrateDatabase({ databaseUrl: BENCH_DATABASE_URL, migrationsDir: MIGRATIONS_DIR });
    await migrated;
    const environment = new BenchEnvironment();
    await truncateAll(environment.prisma);
    return environment;
  }

  /** What every app gets: production mode, info logs (one line per request, as deployed). */
  appEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      DATABASE_URL: BENCH_DATABASE_URL,
      REDIS_URL: BENCH_REDIS_URL,
      QUEUE_PREFIX: this.prefix,
      PORT: '0',
      METRICS_PORT: '0',
      ...SECRETS,
      ...extra,
    };
  }

  /** Starts an app and waits until it serves. */
  async startApp(app: AppName, extra: Record<string, string> = {}, options: { label?: string; cpuProfile?: boolean } = {}): Promise<BenchProcess> {
    const child = this.track(BenchProcess.app(app, this.appEnv(extra), options));
    await child.waitReady(app);
    return child;
  }

  async startIngress(extra: Record<string, string> = {}, options: { cpuProfile?: boolean } = {}): Promise<{ process: BenchProcess; url: string }> {
    const child = this.track(BenchProcess.app('ingress', this.appEnv(extra), options));
    const ready = await child.waitReady('ingress');
    return { process: child, url: `http://127.0.0.1:${String(ready.port)}` };
  }

  async jobCounts(queueName: QueueName): Promise<Record<string, number>> {
    const queue = new Queue(queueName, { connection: this.redis, prefix: this.prefix });
    try {
      return await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed');
    } finally {
      await queue.close();
    }
  }

  /** Length of the queue's raw wait list, read without BullMQ. */
  async waitListLength(queueName: QueueName): Promise<number> {
    return this.redis.llen(`${this.prefix}:${queueName}:wait`);
  }

  async stopProcesses(): Promise<void> {
    await Promise.all(this.processes.splice(0).map((child) => child.stop()));
  }

  /**
   * Stops every process (a clean exit is when --cpu-prof writes its file) and summarises the
   * CPU profiles the profiled ones wrote, between `since` and `until` (epoch ms: the load), so
   * boot, module loading and shutdown are left out.
   */
  async stopAndSummarizeProfiles(since: number, until = Date.now()): Promise<{ label: string; summary: ProfileSummary }[]> {
    const stopped = this.processes.slice();
    await this.stopProcesses();
    return stopped.flatMap((child) =>
      cpuProfilesIn(child.dir).map((file) => ({
        label: child.label,
        summary: summarizeCpuProfile(file, { skipMs: since - child.startedAt, untilMs: until - child.startedAt }),
      })),
    );
  }

  async close(): Promise<void> {
    await this.stopProcesses();
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1_000);
      if (keys.length) await this.redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    this.redis.disconnect();
    await this.prisma.$disconnect();
    for (const child of this.#started) rmSync(child.dir, { recursive: true, force: true });
  }
}

export { QUEUES };
