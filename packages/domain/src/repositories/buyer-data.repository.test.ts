import { describe, expect, it } from 'vitest';
import { AbandonmentService } from '../recovery/abandonment.service.js';
import { ProductOfferCatalog } from '../recovery/product-offer-catalog.js';
import { cart, logger, matching, templates, useTestDatabase } from '../test-support/recovery-fixture.js';
import { RecoveryReport } from './recovery-report.repository.js';
import { BuyerDataRepository } from './buyer-data.repository.js';
import { eraseBuyer } from './buyer-erasure.js';

const prisma = useTestDatabase();
const KEY = 'test-erasure-key-0123456789';
const service = new AbandonmentService(prisma, new ProductOfferCatalog(prisma), templates, { ...matching, erasureHashKey: KEY });
const buyers = new BuyerDataRepository(prisma);
const PHONE = '+5511987651111';
const NAME = 'Bia Souza';
const EMAIL = 'bia.souza@example.com';
const TEXT = 'achei caro, tem desconto pra mim?';
const period = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) };

/** One buyer through every table: a recovery, a reply, a matched and an unmatched payment, raw webhooks. */
async function seedBuyer() {
  const started = await service.start(cart({ email: EMAIL }), logger);
  if (started.outcome !== 'template_queued') throw new Error(`unexpected ${started.outcome}`);
  const { conversationId, abandonmentId } = started;
  await prisma.message.create({ data: { conversationId, fromSender: 'user', messageText: TEXT, status: 'received', whatsappMessageId: 'wamid.IN1' } });
  await prisma.abandonment.update({ where: { id: abandonmentId }, data: { status: 'converted', convertedAt: new Date(), conversionLink: 'original' } });
  await prisma.payment.create({
    data: { source: 'sara', externalId: 'pay_1', abandonmentId, checkoutKey: 'ab_1', amount: 297, paidAt: new Date(), matchStatus: 'matched' },
  });
  await prisma.payment.create({
    data: { source: 'hotmart', externalId: 'HP1', buyerPhone: PHONE, buyerEmail: EMAIL, amount: 97, paidAt: new Date(), matchStatus: 'unmatched' },
  });
  await prisma.webhookLog.createMany({
    data: [
      { webhookType: 'abandonment', externalId: 'ab_1', conversationId, payload: { name: NAME, phone: PHONE, email: EMAIL } },
      { webhookType: 'whatsapp_message', externalId: 'wamid.IN1', source: 'whatsapp', payload: { from: '5511987651111', profile: { name: NAME }, text: TEXT } },
      // Found by the phone alone, in a shape of its own, and by the email alone.
      { webhookType: 'payment', externalId: 'HP1', source: 'hotmart', payload: { buyer: { checkout_phone: '(11) 98765-1111', name: NAME } } },
      { webhookType: 'ignored', externalId: 'x1', source: 'kiwify', payload: { Customer: { email: EMAIL.toUpperCase() } } },
      { webhookType: 'abandonment', externalId: 'someone_else', payload: { name: 'Caio', phone: '+5521999990000' } },
    ],
  });
  await prisma.user.update({ where: { phoneNumber: PHONE }, data: { optedOut: true, optedOutAt: new Date(), optedOutReason: 'keyword' } });
  return { conversationId, abandonmentId };
}

/** Every row of every table, as text: what an erasure must leave no trace of the buyer in. */
async function everyRowAsText(): Promise<string> {
  const tables = await prisma.$queryRaw<
    { t: string }[]
  >`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
  const rows = await Promise.all(tables.map(({ t }) => prisma.$queryRawUnsafe<{ r: string }[]>(`SELECT t::text AS r FROM "${t}" t`)));
  return rows
    .flat()
    .map(({ r }) => r)
    .join('\n');
}

describe('BuyerDataRepository and eraseBuyer', () => {
  it('exports the user, abandonments with steps, conversations with every message, payments and opt-out', async () => {
    const { conversationId } = await seedBuyer();
    const copy = await buyers.export(PHONE);
    expect(copy.user).toMatchObject({ name: NAME, phoneNumber: PHONE, optedOut: true });
    expect(copy.abandonments).toEqual([expect.objectContaining({ externalId: 'ab_1', buyerEmail: EMAIL, value: '297', steps: expect.any(Array) })]);
    expect(copy.conversations).toEqual([
      expect.objectContaining({ id: conversationId, messages: expect.arrayContaining([expect.objectContaining({ messageText: TEXT })]) }),
    ]);
    expect(copy.payments.map((p) => p.externalId).sort()).toEqual(['HP1', 'pay_1']);
    expect(copy.optOut).toMatchObject({ optedOut: true, reason: 'keyword' });
  });

  it('erases every trace of name, phone, email and texts, keeps the report, and answers 404 afterwards', async () => {
    await seedBuyer();
    const report = new RecoveryReport(prisma);
    const before = await report.build(period);
    const erasure = await eraseBuyer(prisma, PHONE, KEY);

    expect(erasure).toMatchObject({ erased: { users: 1, abandonments: 1, conversations: 1, messages: 2, payments: 2, webhooksLog: 4 }, tombstone: true });
    const text = await everyRowAsText();
    for (const value of [NAME, PHONE, '5511987651111', '98765-1111', EMAIL, TEXT]) expect(text.toLowerCase()).not.toContain(value.toLowerCase());
    expect(text).toContain('+5521999990000'); // someone else's row stays as it was
    expect(await report.build(period)).toEqual(before);
    await expect(buyers.export(PHONE)).rejects.toMatchObject({ code: 'BUYER_NOT_FOUND', status: 404 });
    await expect(eraseBuyer(prisma, PHONE, KEY)).rejects.toMatchObject({ code: 'BUYER_NOT_FOUND' });
  });

  it('leaves a tombstone that keeps an opted-out buyer from being messaged by a new abandonment', async () => {
    await seedBuyer();
    await eraseBuyer(prisma, PHONE, KEY);
    expect(await prisma.erasureTombstone.count()).toBe(1);
    const again = await service.start(cart({ abandonmentId: 'ab_2' }), logger);
    expect(again.outcome).toBe('opted_out');
    expect(await prisma.message.count({ where: { conversation: { abandonment: { externalId: 'ab_2' } } } })).toBe(0);
  });

  it('leaves no tombstone for a buyer who never opted out', async () => {
    await service.start(cart(), logger);
    expect((await eraseBuyer(prisma, PHONE, KEY)).tombstone).toBe(false);
    expect(await prisma.erasureTombstone.count()).toBe(0);
    expect((await service.start(cart({ abandonmentId: 'ab_2' }), logger)).outcome).toBe('template_queued');
  });
});
