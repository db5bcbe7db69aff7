import { describe, expect, it } from 'vitest';
import { CheckoutRepository } from '../repositories/checkout.repository.js';
import { WebhookLogRepository } from '../repositories/webhook-log.repository.js';
import { AbandonmentService } from './abandonment.service.js';
import type { PaymentCommand } from './commands.js';
import { AbandonmentNotYetKnown, PaymentService } from './payment.service.js';
import { ProductOfferCatalog } from './product-offer-catalog.js';
import { cart, logger, matching, templates, useTestDatabase } from '../test-support/recovery-fixture.js';

const prisma = useTestDatabase();
const catalog = new ProductOfferCatalog(prisma);
const service = new AbandonmentService(prisma, catalog, templates, matching);
const payments = new PaymentService(prisma, catalog, templates, matching);
const checkouts = new CheckoutRepository(prisma);

const saraPayment = (overrides: Partial<PaymentCommand> = {}): PaymentCommand => ({
  paymentId: 'pay_1',
  status: 'paid',
  amount: 297,
  source: 'sara',
  abandonmentId: 'ab_1',
  ...overrides,
});

async function conversationOf(externalId: string) {
  return (await prisma.abandonment.findUniqueOrThrow({ where: { externalId }, include: { conversation: true } })).conversation;
}

describe('AbandonmentService', () => {
  it('records the buyer, abandonment and conversation once and queues one template, however often it runs', async () => {
    const command = cart();
    const first = await service.start(command, logger);
    const again = await service.start(command, logger);

    expect(first).toMatchObject({ outcome: 'template_queued', conversationId: command.conversationId });
    expect(again).toEqual(first);
    expect(await prisma.message.count()).toBe(1);
    expect(await prisma.abandonment.findUniqueOrThrow({ where: { externalId: 'ab_1' } })).toMatchObject({ status: 'initiated', source: 'sara' });
  });

  it('pitches once when a platform reports the same buyer and product again while a recovery is open', async () => {
    const first = await service.start(cart({ abandonmentId: 'hotmart:1', source: 'hotmart' }), logger);
    const second = await service.start(cart({ abandonmentId: 'hotmart:2', source: 'hotmart' }), logger);

    expect(second).toEqual({ outcome: 'duplicate', conversationId: first.outcome === 'template_queued' ? first.conversationId : '' });
    expect(await prisma.message.count()).toBe(1);
  });

  it('records but never contacts a buyer who opted out', async () => {
    await prisma.user.create({ data: { phoneNumber: '+5511987651111', name: 'Bia', optedOut: true } });
    expect(await service.start(cart(), logger)).toMatchObject({ outcome: 'opted_out' });
    expect(await conversationOf('ab_1')).toMatchObject({ status: 'closed', closedReason: 'opted_out' });
    expect(await prisma.message.count()).toBe(0);
  });

  it('does not pitch a buyer whose own Sara payment came first, and that payment converts it with the thanks', async () => {
    await expect(payments.record(saraPayment(), logger)).rejects.toThrow(AbandonmentNotYetKnown);
    expect(await prisma.payment.findFirstOrThrow()).toMatchObject({ source: 'sara', matchStatus: 'unmatched', checkoutKey: 'ab_1' });

    expect(await service.start(cart(), logger)).toMatchObject({ outcome: 'closed' });
    expect(await prisma.message.count()).toBe(0);

    // The payment's retry: the design's flow thanks the buyer after any payment.
    expect(await payments.record(saraPayment(), logger)).toMatchObject({ outcome: 'converted', thanksMessageId: expect.any(String) });
    expect(await conversationOf('ab_1')).toMatchObject({ status: 'closed', closedReason: 'converted' });
    expect(await prisma.message.findMany({ select: { intent: true } })).toEqual([{ intent: 'payment_thanks' }]);
  });

  it('closes a checkout the platform reported completed without a word', async () => {
    await checkouts.report([{ key: 'shopify:tok_1', source: 'shopify', completed: true }]);
    const started = await service.start(cart({ abandonmentId: 'shopify:tok_1', source: 'shopify' }), logger);

    expect(started).toMatchObject({ outcome: 'closed' });
    expect(await conversationOf('shopify:tok_1')).toMatchObject({ status: 'closed', closedReason: 'checkout_completed' });
    expect(await prisma.message.count()).toBe(0);
  });

  it('leaves a checkout to its later delivery when that one asked to wait longer', async () => {
    const earlier = new Date(Date.now() - 60_000);
    const later = new Date(Date.now() + 60_000);
    await checkouts.report([{ key: 'shopify:tok_2', source: 'shopify', dueAt: later }]);
    await checkouts.report([{ key: 'shopify:tok_2', source: 'shopify', dueAt: earlier }]);
    const command = cart({ abandonmentId: 'shopify:tok_2', source: 'shopify' });

    expect(await service.start({ ...command, notBefore: earlier.toISOString() }, logger)).toEqual({ outcome: 'superseded' });
    expect(await prisma.abandonment.count()).toBe(0);
    expect(await service.start({ ...command, notBefore: later.toISOString() }, logger)).toMatchObject({ outcome: 'template_queued' });
  });

  it('learns what a delivery said about its checkout when the delivery is logged, and decides from that table, not the log', async () => {
    const log = new WebhookLogRepository(prisma);
    const due = new Date(Date.now() + 60_000).toISOString();
    const receipt = { webhookType: 'abandonment', externalId: 'delivery_2', payload: {}, requestId: 'r', source: 'shopify', subject: 'shopify:tok_3' };
    await log.record([{ ...receipt, event: { notBefore: due } }]);
    expect(await prisma.checkout.findUniqueOrThrow({ where: { key: 'shopify:tok_3' } })).toMatchObject({ dueAt: new Date(due), completedAt: null });

    await log.record([
      { webhookType: 'checkout_completed', externalId: 'shopify:tok_3', payload: {}, requestId: 'r', source: 'shopify', settled: { reason: 'done' } },
    ]);
    expect((await prisma.checkout.findUniqueOrThrow({ where: { key: 'shopify:tok_3' } })).completedAt).toBeInstanceOf(Date);

    // A completion only the log knows of (no checkouts row) decides nothing any more.
    await prisma.webhookLog.create({
      data: { webhookType: 'checkout_completed', externalId: 'shopify:tok_4', payload: {}, source: 'shopify', processed: true },
    });
    expect(await service.start(cart({ abandonmentId: 'shopify:tok_4', source: 'shopify' }), logger)).toMatchObject({ outcome: 'template_queued' });
  });
});
