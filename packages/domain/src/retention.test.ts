import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestPrisma, truncateAll } from '../../../test/support/database.js';
import { RecoveryReport } from './repositories/recovery-report.repository.js';
import { purgeExpired, PURGED_TEXT } from './retention.js';

const prisma = createTestPrisma();
const NOW = new Date('2026-12-03T12:00:00Z');
const OLD = new Date('2026-05-01T12:00:00Z');
const RECENT = new Date('2026-11-30T12:00:00Z');
const CUT_OFF = new Date(NOW.getTime() - 180 * 86_400_000);

beforeEach(() => truncateAll(prisma));
afterAll(() => prisma.$disconnect());

/** One recovered sale with its conversation, two messages and its two webhook rows, all created at `at`. */
async function recoveredSale(at: Date) {
  const user = await prisma.user.create({ data: { phoneNumber: `+55119${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, name: 'Ana' } });
  const abandonment = await prisma.abandonment.create({
    data: {
      userId: user.id,
      externalId: randomUUID(),
      productId: 'p1',
      value: 97.5,
      status: 'converted',
      convertedAt: at,
      conversionLink: 'original',
      createdAt: at,
    },
  });
  const conversation = await prisma.conversation.create({
    data: { abandonmentId: abandonment.id, userId: user.id, status: 'closed', messageCount: 2, createdAt: at },
  });
  await prisma.message.createMany({
    data: [
      {
        conversationId: conversation.id,
        fromSender: 'sara',
        messageText: 'Oi Ana, seu carrinho',
        messageType: 'template',
        status: 'read',
        metadata: { outbound: { template: 'sara_recuperacao', parameters: ['Ana'] }, sequence: 1 },
        createdAt: at,
      },
      { conversationId: conversation.id, fromSender: 'user', messageText: 'meu cpf é 123', status: 'received', intent: 'price', createdAt: at },
    ],
  });
  await prisma.payment.create({
    data: { source: 'sara', externalId: randomUUID(), abandonmentId: abandonment.id, amount: 97.5, paidAt: at, matchStatus: 'matched' },
  });
  await prisma.webhookLog.createMany({
    data: [
      { webhookType: 'abandonment', externalId: randomUUID(), payload: { name: 'Ana', phone: user.phoneNumber }, processed: true, createdAt: at },
      {
        webhookType: 'payment',
        externalId: randomUUID(),
        payload: { amount: 97.5 },
        event: { buyer: { phone: user.phoneNumber } },
        source: 'hotmart',
        processed: true,
        createdAt: at,
      },
    ],
  });
  return { conversation };
}

describe('purgeExpired', () => {
  it('clears texts and payloads older than the cut-off and keeps newer ones', async () => {
    const old = await recoveredSale(OLD);
    const recent = await recoveredSale(RECENT);
    expect(await purgeExpired(prisma, { olderThan: CUT_OFF })).toEqual({ messages: 2, webhooks: 2 });

    const oldMessages = await prisma.message.findMany({ where: { conversationId: old.conversation.id }, orderBy: { fromSender: 'asc' } });
    expect(oldMessages.map((message) => [message.fromSender, message.messageText, message.status, message.messageType])).toEqual([
      ['sara', PURGED_TEXT, 'read', 'template'],
      ['user', PURGED_TEXT, 'received', 'text'],
    ]);
    // What was sent goes; the rest of the metadata (the sequence step) stays.
    expect(oldMessages[0]!.metadata).toEqual({ sequence: 1 });
    const recentMessages = await prisma.message.findMany({ where: { conversationId: recent.conversation.id } });
    expect(recentMessages.map((message) => message.messageText).sort()).toEqual(['Oi Ana, seu carrinho', 'meu cpf é 123']);

    const logs = await prisma.webhookLog.findMany({ orderBy: [{ createdAt: 'asc' }, { webhookType: 'asc' }] });
    expect(logs.map((log) => [log.webhookType, log.payload, log.event, log.processed, log.createdAt.getTime()])).toEqual([
      ['abandonment', {}, null, true, OLD.getTime()],
      ['payment', {}, {}, true, OLD.getTime()],
      ['abandonment', expect.objectContaining({ name: 'Ana' }), null, true, RECENT.getTime()],
      ['payment', { amount: 97.5 }, expect.objectContaining({ buyer: expect.any(Object) }), true, RECENT.getTime()],
    ]);
  });

  it('leaves the recovery report and every count, amount and status as they were', async () => {
    await recoveredSale(OLD);
    await recoveredSale(RECENT);
    const report = new RecoveryReport(prisma);
    const range = { from: new Date('2026-01-01T00:00:00Z'), to: NOW };
    const before = await report.build(range);
    const counts = async () => [
      await prisma.message.count(),
      await prisma.webhookLog.count(),
      await prisma.conversation.count(),
      await prisma.payment.aggregate({ _sum: { amount: true } }),
    ];
    const countsBefore = await counts();
    await purgeExpired(prisma, { olderThan: CUT_OFF });
    expect(await report.build(range)).toEqual(before);
    expect(await counts()).toEqual(countsBefore);
  });

  it('is idempotent: a second run purges nothing', async () => {
    await recoveredSale(OLD);
    expect(await purgeExpired(prisma, { olderThan: CUT_OFF })).toEqual({ messages: 2, webhooks: 2 });
    expect(await purgeExpired(prisma, { olderThan: CUT_OFF })).toEqual({ messages: 0, webhooks: 0 });
  });

  it('works through more rows than one batch', async () => {
    for (let index = 0; index < 3; index++) await recoveredSale(OLD);
    expect(await purgeExpired(prisma, { olderThan: CUT_OFF, batchSize: 2 })).toEqual({ messages: 6, webhooks: 6 });
    expect(await prisma.message.count({ where: { messageText: { not: PURGED_TEXT } } })).toBe(0);
  });
});
