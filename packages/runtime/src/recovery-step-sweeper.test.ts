import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { Worker } from 'bullmq';
import { createProducerConnection, createWorkerConnection, recoveryStepJobId, RecoveryStepQueue } from '@sara/jobs';
import { createLogger } from '@sara/observability';
import { createTestPrisma, truncateAll } from '../../../test/support/database.js';
import { TEST_REDIS_URL } from '../../../test/test-env.js';
import { waitFor } from '../../../test/support/wait-for.js';
import { RecoveryStepSweeper } from './recovery-step-sweeper.js';

const prisma = createTestPrisma();
const redis = createProducerConnection(TEST_REDIS_URL);
const steps = new RecoveryStepQueue(redis, `sara-test-${randomUUID().slice(0, 8)}`);
const sweeper = new RecoveryStepSweeper(prisma, steps, createLogger({ service: 'test', level: 'silent' }), { intervalMs: 60_000, graceMs: 60_000 });

async function scheduledStep(dueAt: Date) {
  const user = await prisma.user.create({ data: { phoneNumber: `+55119${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, name: 'Ana' } });
  const abandonment = await prisma.abandonment.create({ data: { userId: user.id, externalId: randomUUID(), productId: 'p' } });
  return prisma.recoveryStep.create({ data: { abandonmentId: abandonment.id, step: 2, dueAt } });
}

beforeEach(async () => {
  await waitFor(() => redis.status === 'ready');
  await truncateAll(prisma);
  await steps.queue.obliterate({ force: true });
});
afterAll(async () => {
  await steps.queue.obliterate({ force: true });
  await steps.close();
  redis.disconnect();
  await prisma.$disconnect();
});

describe('RecoveryStepSweeper', () => {
  it('wakes an overdue step whose job Redis lost, once', async () => {
    const step = await scheduledStep(new Date(Date.now() - 10 * 60_000));
    expect(await sweeper.runOnce()).toBe(1);
    const job = await steps.queue.getJob(recoveryStepJobId(step));
    expect(job?.data).toMatchObject({ abandonmentId: step.abandonmentId, step: 2, attempt: 1 });
    expect(await job?.getState()).toBe('waiting');
    expect(await sweeper.runOnce()).toBe(0);
  });

  it('re-adds a step whose job completed without sending it', async () => {
    const step = await scheduledStep(new Date(Date.now() - 10 * 60_000));
    await steps.schedule(step);
    // A worker that finishes the job without touching the step, as a run on a stale read would.
    const connection = createWorkerConnection(TEST_REDIS_URL);
    const worker = new Worker(steps.queue.name, async () => 'nothing', { connection, prefix: steps.queue.opts.prefix });
    await waitFor(async () => (await (await steps.queue.getJob(recoveryStepJobId(step)))?.getState()) === 'completed', 10_000, 'the job completed');
    await worker.close();
    connection.disconnect();
    expect(await sweeper.runOnce()).toBe(1);
    expect(await (await steps.queue.getJob(recoveryStepJobId(step)))?.getState()).toBe('waiting');
  });

  it('leaves alone a step that is not overdue, or whose job still waits in the delayed set', async () => {
    await scheduledStep(new Date(Date.now() + 60 * 60_000));
    const waiting = await scheduledStep(new Date(Date.now() - 10 * 60_000));
    await steps.schedule({ ...waiting, dueAt: new Date(Date.now() + 60_000) });
    expect(await sweeper.runOnce()).toBe(0);
    expect(await (await steps.queue.getJob(recoveryStepJobId(waiting)))?.getState()).toBe('delayed');
  });
});

describe('RecoveryStepQueue.reschedule', () => {
  it('moves a waiting step to its new time, and adds one whose job is gone', async () => {
    const step = await scheduledStep(new Date(Date.now() + 3_600_000));
    await steps.schedule(step);
    await steps.reschedule({ ...step, dueAt: new Date(Date.now() + 60_000) });
    const job = await steps.queue.getJob(recoveryStepJobId(step));
    expect(await job?.getState()).toBe('delayed');
    expect(job!.timestamp + job!.delay - Date.now()).toBeLessThan(61_000);

    await job!.remove();
    await steps.reschedule({ ...step, dueAt: new Date(Date.now() - 1_000) });
    expect(await (await steps.queue.getJob(recoveryStepJobId(step)))?.getState()).toBe('waiting');
  });
});
