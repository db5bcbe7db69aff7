import { PrismaPg } from '@prisma/adapter-pg';
import { metrics } from '@sara/observability';
import { PrismaClient } from './generated/prisma/client.js';

export type DatabaseOptions = {
  databaseUrl: string;
  /** adapter-pg defaults to 10 connections and waits forever for one; set both. */
  poolMax: number;
  connectTimeoutMs: number;
};

export type PrismaClientOrTransaction = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export function createPrismaClient(options: DatabaseOptions): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: options.databaseUrl,
    max: options.poolMax,
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    // A query stuck behind a dead connection must fail, not hang a webhook forever.
    query_timeout: 15_000,
  });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (event) => {
    metrics.dbQueryDuration.observe({ operation: sqlOperation(event.query) }, event.duration / 1_000);
  });
  return client;
}

/** The statement's verb (SELECT, INSERT …): a label with a handful of values, never the SQL. */
function sqlOperation(query: string): string {
  const verb = /^\s*([A-Za-z]+)/.exec(query)?.[1]?.toUpperCase() ?? 'OTHER';
  return ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'BEGIN', 'COMMIT', 'ROLLBACK', 'WITH'].includes(verb) ? verb : 'OTHER';
}
