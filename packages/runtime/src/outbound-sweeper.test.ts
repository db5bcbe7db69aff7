import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { queueOutboundMessage } from '@sara/domain';
import { createProducerConnection, OutboundMessageQueue } from '@sara/jobs';
import { createLogger } from '@sara/observability';
import { createTestPrisma, truncateAll } from '../../../test/support/database.js';
import { TEST_REDIS_URL } from '../../../test/test-env.js';
import { waitFor } from '../../../test/support/wait-for.js';
import { OutboundSweeper } from './outbound-sweeper.js';

const prisma = createTestPrisma();
const redis = createProducerConnection(TEST_REDIS_URL);
const outbound = new OutboundMessageQueue(redis, `sara-test-${randomUUID().slice(0, 8)}`);
const sweeper = new OutboundSweeper(prisma, outbound, createLogger({ service: 'test', level: 'silent' }), { intervalMs: 60_000, staleAfterMs: 0 });

async function messageIn(status: string): Promise<string> {
  const user = await prisma.user.create({ data: { phoneNumber: `+55119${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, name: 'Ana' } });
  const abandonment = await prisma.abandonment.create({ data: { userId: user.id, externalId: randomUUID(), productId: 'p' } });
  const conversation = await prisma.conversation.create({ data: { abandonmentId: abandonment.id, userId: user.id } });
  const { id } = await queueOutboundMessage(prisma, { conversationId: conversation.id, idempotencyKey: randomUUID(), content: { kind: 'text', text: 'oi' } });
  await prisma.message.update({ where: { id }, data: { status } });
  return id;
}

beforeEach(async () => {
  await waitFor(() => redis.status === 'ready');
  await truncateAll(prisma);
  await outbound.queue.obliterate({ force: true });
});
afterAll(async () => {
  await outbound.queue.obliterate({ force: true });
  await outbound.close();
  redis.disconnect();
  await prisma.$disconnect();
});

describe('OutboundSweeper', () => {
  it('re-enqueues a message stranded in queued with no job, once', async () => {
    const id = await messageIn('queued');
    expect(await sweeper.runOnce()).toEqual({ requeued: 1, unknown: 0 });
    expect(await (await outbound.queue.getJob(id))?.getState()).toBe('waiting');
    expect(await sweeper.runOnce()).toEqual({ requeued: 0, unknown: 0 });
  });

  it('marks a message left in sending by a vanished job unknown, never queued again', async () => {
    const id = await messageIn('sending');
    expect(await sweeper.runOnce()).toEqual({ requeued: 0, unknown: 1 });
    expect((await prisma.message.findUniqueOrThrow({ where: { id } })).status).toBe('unknown');
    expect(await outbound.queue.getJob(id)).toBeUndefined();
  });

  it('leaves sent messages alone', async () => {
    await messageIn('sent');
    expect(await sweeper.runOnce()).toEqual({ requeued: 0, unknown: 0 });
  });
});
