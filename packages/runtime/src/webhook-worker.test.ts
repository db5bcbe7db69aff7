import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Queue, type Worker } from 'bullmq';
import { WebhookLogRepository } from '@sara/domain';
import { createWorkerConnection, QUEUES, runWebhookWorker, type AbandonmentJob } from '@sara/jobs';
import { createLogger } from '@sara/observability';
import { ABANDONMENT_EVENT } from '../../jobs/src/test-support/abandonment-event.js';
import { createTestPrisma, truncateAll } from '../../../test/support/database.js';
import { TEST_REDIS_URL } from '../../../test/test-env.js';
import { waitFor } from '../../../test/support/wait-for.js';

const prisma = createTestPrisma();
const ledger = new WebhookLogRepository(prisma);
const connection = createWorkerConnection(TEST_REDIS_URL);
const logger = createLogger({ service: 'test', level: 'silent' });
let prefix: string;
let queue: Queue;
let worker: Worker | undefined;

const event = ABANDONMENT_EVENT;

async function storeRow(): Promise<string> {
  const [row] = await ledger.record([{ webhookType: 'abandonment', externalId: `abn_${randomUUID()}`, payload: event, requestId: 'r1' }]);
  return row!.id;
}

function startWorker(handler: (job: AbandonmentJob) => Promise<void>): Worker {
  worker = runWebhookWorker({ job: 'abandonment', handler, connection, prefix, concurrency: 2, ledger, logger });
  return worker;
}

beforeEach(async () => {
  await truncateAll(prisma);
  prefix = `sara-test-${randomUUID().slice(0, 8)}`;
  queue = new Queue(QUEUES.abandonment, { connection, prefix });
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await queue.obliterate({ force: true });
  await queue.close();
});
afterAll(async () => {
  connection.disconnect();
  await prisma.$disconnect();
});

describe('runWebhookWorker', () => {
  it('hands the typed payload to the handler and marks the log row processed', async () => {
    const id = await storeRow();
    const seen: AbandonmentJob[] = [];
    startWorker(async (job) => {
      seen.push(job);
    });
    await queue.add('abandonment', { webhookLogId: id, webhookType: 'abandonment', requestId: 'r1', payload: event }, { jobId: id });
    await waitFor(async () => (await ledger.isProcessed(id)) === true);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.payload.phone).toBe('+5511987654321');
    expect((await prisma.webhookLog.findUniqueOrThrow({ where: { id } })).processedAt).toBeInstanceOf(Date);
  });

  it('skips a row that is already processed, so a re-added job has no second effect', async () => {
    const id = await storeRow();
    await ledger.markProcessed(id);
    let calls = 0;
    const running = startWorker(async () => {
      calls++;
    });
    const job = await queue.add('abandonment', { webhookLogId: id, webhookType: 'abandonment', payload: event }, { jobId: id });
    await waitFor(async () => (await job.isCompleted()) === true);
    expect(calls).toBe(0);
    await running.close();
  });

  it('retries a failing handler and records the reason on the row once it gives up', async () => {
    const id = await storeRow();
    let calls = 0;
    startWorker(async () => {
      calls++;
      throw new Error('database blip');
    });
    await queue.add(
      'abandonment',
      { webhookLogId: id, webhookType: 'abandonment', payload: event },
      { jobId: id, attempts: 3, backoff: { type: 'fixed', delay: 10 } },
    );
    await waitFor(async () => (await prisma.webhookLog.findUniqueOrThrow({ where: { id } })).errorMessage !== null);
    expect(calls).toBe(3);
    expect(await ledger.isProcessed(id)).toBe(false);
    expect((await prisma.webhookLog.findUniqueOrThrow({ where: { id } })).errorMessage).toBe('database blip');
  });

  it('rejects invalid job data at once, without retrying, and says why on the row', async () => {
    const id = await storeRow();
    let calls = 0;
    startWorker(async () => {
      calls++;
    });
    await queue.add('abandonment', { webhookLogId: id, webhookType: 'abandonment', payload: { ...event, phone: '11987654321' } }, { jobId: id, attempts: 5 });
    await waitFor(async () => (await prisma.webhookLog.findUniqueOrThrow({ where: { id } })).errorMessage !== null);
    const row = await prisma.webhookLog.findUniqueOrThrow({ where: { id } });
    expect(row.errorMessage).toMatch(/^invalid job data: payload\.phone/);
    expect(row.processed).toBe(false);
    expect(calls).toBe(0);
    expect((await queue.getJob(id))?.attemptsMade).toBe(1);
  });
});
