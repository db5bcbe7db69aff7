import { describe, expect, it } from 'vitest';
import { PaymentRepository } from '../repositories/payment.repository.js';
import { paymentCandidates } from '../repositories/payment-candidates.js';
import { cart, logger, matching, templates, useTestDatabase } from '../test-support/recovery-fixture.js';
import { AbandonmentService } from './abandonment.service.js';
import type { PaymentCommand } from './commands.js';
import { PaymentService } from './payment.service.js';
import { ProductOfferCatalog } from './product-offer-catalog.js';

const prisma = useTestDatabase();
const catalog = new ProductOfferCatalog(prisma);
const abandonments = new AbandonmentService(prisma, catalog, templates, matching);
const payments = new PaymentService(prisma, catalog, templates, matching);
const ledger = new PaymentRepository(prisma);

/** A Hotmart sale under another phone and e-mail than the checkout's: nothing matches it automatically. */
function stranger(paymentId: string, overrides: Partial<PaymentCommand> = {}): PaymentCommand {
  return {
    paymentId,
    status: 'paid',
    amount: 297,
    source: 'hotmart',
    buyer: { phone: '+5521987650000', email: 'outra@example.com' },
    productId: 'curso',
    ...overrides,
  };
}

async function unmatchedPayment(paymentId: string, overrides: Partial<PaymentCommand> = {}) {
  expect(await payments.record(stranger(paymentId, overrides), logger)).toMatchObject({ outcome: 'unmatched' });
  return prisma.payment.findFirstOrThrow({ where: { externalId: paymentId } });
}

async function openCart(abandonmentId = 'ab_1', overrides: Parameters<typeof cart>[0] = {}) {
  await abandonments.start(cart({ abandonmentId, ...overrides }), logger);
  return prisma.abandonment.findUniqueOrThrow({ where: { externalId: abandonmentId }, include: { conversation: true } });
}

const thanksOf = (conversationId: string) => prisma.message.findMany({ where: { conversationId, intent: 'payment_thanks' } });

describe('linking a payment by hand ("Vincular")', () => {
  it('settles through Settlement: converted, conversation closed, payment matched by hand, the buyer thanked', async () => {
    const abandonment = await openCart();
    const payment = await unmatchedPayment('HP-1');

    const linked = await payments.linkByHand(payment.id, abandonment.id, logger);

    expect(linked).toMatchObject({ outcome: 'converted', conversionLink: 'original', conversationId: abandonment.conversation!.id });
    expect(await prisma.abandonment.findUniqueOrThrow({ where: { id: abandonment.id } })).toMatchObject({ status: 'converted', paymentId: 'HP-1' });
    expect(await prisma.conversation.findUniqueOrThrow({ where: { id: abandonment.conversation!.id } })).toMatchObject({
      status: 'closed',
      closedReason: 'converted',
    });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      matchStatus: 'matched',
      matchedBy: 'manual',
      abandonmentId: abandonment.id,
      reviewReason: null,
    });
    const thanks = await thanksOf(abandonment.conversation!.id);
    expect(thanks).toHaveLength(1);
    expect(linked.outcome === 'converted' && linked.thanksMessageId).toBe(thanks[0]!.id);
  });

  it('links exactly once: of two links at the same moment one wins, the other is refused, and the buyer is thanked once', async () => {
    const abandonment = await openCart();
    const payment = await unmatchedPayment('HP-2');

    const results = await Promise.all([payments.linkByHand(payment.id, abandonment.id, logger), payments.linkByHand(payment.id, abandonment.id, logger)]);

    expect(results.map((result) => result.outcome).sort()).toEqual(['converted', 'refused']);
    expect(results.find((result) => result.outcome === 'refused')).toMatchObject({ why: 'payment_taken' });
    expect(await thanksOf(abandonment.conversation!.id)).toHaveLength(1);
    expect(await payments.linkByHand(payment.id, abandonment.id, logger)).toMatchObject({ outcome: 'refused', why: 'payment_taken' });
  });

  it('refuses one payment linked to two abandonments at once: one converts, the other stays open', async () => {
    const first = await openCart('ab_1');
    const second = await openCart('ab_2', { productId: 'ebook' });
    const payment = await unmatchedPayment('HP-3');

    const results = await Promise.all([payments.linkByHand(payment.id, first.id, logger), payments.linkByHand(payment.id, second.id, logger)]);

    expect(results.map((result) => result.outcome).sort()).toEqual(['converted', 'refused']);
    const statuses = await prisma.abandonment.findMany({ where: { id: { in: [first.id, second.id] } }, select: { status: true } });
    expect(statuses.filter((row) => row.status === 'converted')).toHaveLength(1);
  });

  it('refuses an abandonment another payment converted, and an amount that is neither price, changing nothing', async () => {
    const abandonment = await openCart();
    const paid = await unmatchedPayment('HP-4');
    await payments.linkByHand(paid.id, abandonment.id, logger);
    const second = await unmatchedPayment('HP-5');
    expect(await payments.linkByHand(second.id, abandonment.id, logger)).toMatchObject({ outcome: 'refused', why: 'abandonment_taken' });

    const other = await openCart('ab_2');
    const cheap = await unmatchedPayment('HP-6', { amount: 10 });
    expect(await payments.linkByHand(cheap.id, other.id, logger)).toMatchObject({ outcome: 'refused', why: 'amount' });
    for (const id of [second.id, cheap.id])
      expect(await prisma.payment.findUniqueOrThrow({ where: { id } })).toMatchObject({ matchStatus: 'unmatched', abandonmentId: null });
    expect(await prisma.conversation.findUniqueOrThrow({ where: { id: other.conversation!.id } })).toMatchObject({ status: 'awaiting_response' });
  });

  it('keeps the link by hand when the platform delivers the same payment again', async () => {
    const abandonment = await openCart();
    const payment = await unmatchedPayment('HP-7');
    await payments.linkByHand(payment.id, abandonment.id, logger);

    expect(await payments.record(stranger('HP-7'), logger)).toMatchObject({ outcome: 'converted' });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ matchedBy: 'manual' });
    expect(await thanksOf(abandonment.conversation!.id)).toHaveLength(1);
  });
});

describe('ignoring a payment ("Ignorar")', () => {
  it('leaves it ignored with the reason, refuses a matched one, and a redelivery does not reopen it', async () => {
    const payment = await unmatchedPayment('HP-8');
    expect(await ledger.ignore(payment.id, 'pedido de teste da loja')).toMatchObject({
      ignored: { matchStatus: 'ignored', reviewReason: 'pedido de teste da loja' },
    });
    expect(await payments.record(stranger('HP-8'), logger)).toMatchObject({ outcome: 'ignored' });
    expect(await ledger.find(payment.id)).toMatchObject({ matchStatus: 'ignored' });
    expect((await ledger.list({ status: 'ignored', limit: 10, offset: 0 })).total).toBe(1);

    const abandonment = await openCart();
    const matched = await unmatchedPayment('HP-9');
    await payments.linkByHand(matched.id, abandonment.id, logger);
    expect(await ledger.ignore(matched.id, 'engano')).toEqual({ refused: 'matched' });
    expect(await ledger.ignore('00000000-0000-4000-8000-000000000000', 'engano')).toEqual({ refused: 'not_found' });
  });
});

describe('the candidates for a payment', () => {
  it('offers the open abandonments of its buyer (phone in either form, e-mail) or product, strongest reason, newest first', async () => {
    await openCart('by_phone', { phone: '+5521987650000', productId: 'outro' });
    await openCart('by_email', { phone: '+5531987650000', email: 'outra@example.com', productId: 'outro' });
    await openCart('by_product', { phone: '+5541987650000' });
    await openCart('unrelated', { phone: '+5551987650000', productId: 'outro' });
    const converted = await openCart('converted', { phone: '+5521987650000' });
    await prisma.abandonment.update({ where: { id: converted.id }, data: { status: 'converted' } });
    // The buyer's WhatsApp predates the ninth digit: +55 21 8765-0000 is the same mobile.
    const payment = await unmatchedPayment('HP-10', { buyer: { phone: '+552187650000', email: 'outra@example.com' } });

    const candidates = await paymentCandidates(prisma, payment.id);

    expect(candidates?.map((row) => [row.externalId, row.matchedBy])).toEqual([
      ['by_product', 'product'],
      ['by_email', 'email'],
      ['by_phone', 'phone'],
    ]);
    expect(candidates?.[2]).toMatchObject({
      buyerName: 'Bia Souza',
      productName: 'outro',
      value: 297,
      kind: 'cart',
      status: expect.not.stringMatching('converted'),
    });
    expect(await paymentCandidates(prisma, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
