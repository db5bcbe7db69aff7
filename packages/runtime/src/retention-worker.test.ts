import { randomUUID } from 'node:crypto';
import { Queue, type Worker } from 'bullmq';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PURGED_TEXT } from '@sara/domain';
import { createProducerConnection, createWorkerConnection, JOBS } from '@sara/jobs';
import { createLogger, registry } from '@sara/observability';
import { createTestPrisma, truncateAll } from '../../../test/support/database.js';
import { TEST_REDIS_URL } from '../../../test/test-env.js';
import { waitFor } from '../../../test/support/wait-for.js';
import { RETENTION_SCHEDULER_ID, startRetentionWorker } from './retention-worker.js';

const prisma = createTestPrisma();
const redis = createProducerConnection(TEST_REDIS_URL);
const logger = createLogger({ service: 'test', level: 'silent' });
const prefix = `sara-test-${randomUUID().slice(0, 8)}`;
const queue = new Queue(JOBS.retention.queue, { connection: redis, prefix });
const connections: ReturnType<typeof createWorkerConnection>[] = [];
let workers: Worker[] = [];

async function purgedCount(): Promise<number> {
  const metric = await registry.getSingleMetric('sara_retention_purged_total')!.get();
  return metric.values.filter((value) => value.labels.table === 'messages').reduce((sum, value) => sum + value.value, 0);
}

/** One replica of the abandonment worker's retention companion. */
function replica(everyMs: number): Worker {
  const connection = createWorkerConnection(TEST_REDIS_URL);
  connections.push(connection);
  return startRetentionWorker({ connection, redis, prefix, prisma, retentionDays: 180, logger, everyMs });
}

beforeEach(async () => {
  await waitFor(() => redis.status === 'ready');
  await truncateAll(prisma);
  await queue.obliterate({ force: true });
});
afterEach(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
  workers = [];
});
afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  for (const connection of connections) connection.disconnect();
  redis.disconnect();
  await prisma.$disconnect();
});

describe('the retention companion', () => {
  it('runs one purge per period across two replicas, and purges what is old', async () => {
    const user = await prisma.user.create({ data: { phoneNumber: '+5511955550000', name: 'Ana' } });
    const abandonment = await prisma.abandonment.create({ data: { userId: user.id, externalId: randomUUID(), productId: 'p1' } });
    const conversation = await prisma.conversation.create({ data: { abandonmentId: abandonment.id, userId: user.id } });
    const old = new Date(Date.now() - 200 * 86_400_000);
    await prisma.message.create({ data: { conversationId: conversation.id, fromSender: 'user', messageText: 'oi', status: 'received', createdAt: old } });
    await prisma.message.create({ data: { conversationId: conversation.id, fromSender: 'user', messageText: 'hoje', status: 'received' } });
    const countBefore = await purgedCount();

    // A period far longer than the test: the scheduler's first job is the only one due.
    workers = [replica(3_600_000), replica(3_600_000)];
    await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    await waitFor(async () => (await queue.getCompletedCount()) >= 1, 10_000, 'the first purge');
    // Give a second job, if one were made, time to run.
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(await queue.getJobSchedulersCount()).toBe(1);
    expect((await queue.getJobScheduler(RETENTION_SCHEDULER_ID))?.every).toBe(3_600_000);
    const completed = await queue.getCompleted();
    expect(completed).toHaveLength(1);
    expect(completed[0]!.returnvalue).toEqual({ messages: 1, webhooks: 0 });
    expect((await prisma.message.findMany({ orderBy: { createdAt: 'asc' } })).map((message) => message.messageText)).toEqual([PURGED_TEXT, 'hoje']);
    expect((await purgedCount()) - countBefore).toBe(1);
  });
});
