import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AbandonmentCommand, PaymentCommand } from './commands.js';
import { AbandonmentService } from './abandonment.service.js';
import { PaymentMatcher } from './payment-matching.js';
import { PaymentNeedsReview, PaymentService } from './payment.service.js';
import { ProductOfferCatalog } from './product-offer-catalog.js';
import { Settlement } from './settlement.js';
import { cart, logger, matching, templates, useTestDatabase } from '../test-support/recovery-fixture.js';

const prisma = useTestDatabase();
const catalog = new ProductOfferCatalog(prisma);
const abandonments = new AbandonmentService(prisma, catalog, templates, matching);
const payments = new PaymentService(prisma, catalog, templates, matching);

/** A Shopify checkout: it names no abandonment of Sara's, so its payment is matched by key or phone. */
function checkout(key: string): AbandonmentCommand {
  return cart({ abandonmentId: key, name: 'Caio', phone: '+5511987652222', email: 'caio@example.com', value: 197, source: 'shopify' });
}

function order(key: string): PaymentCommand {
  return {
    paymentId: `order_${key}`,
    status: 'paid',
    amount: 197,
    source: 'shopify',
    checkoutKey: key,
    abandonmentId: null,
    buyer: { phone: '+5511987652222' },
  };
}

describe('settlement across the abandonment and payment workers', () => {
  it('ends with one conversion and a matched payment whichever worker gets there first', async () => {
    for (let trial = 0; trial < 10; trial++) {
      const key = `checkout_${trial}`;
      const results = await Promise.allSettled([abandonments.start(checkout(key), logger), payments.record(order(key), logger)]);

      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
      const stored = await prisma.abandonment.findUniqueOrThrow({ where: { externalId: key }, include: { conversation: true } });
      expect(stored).toMatchObject({ status: 'converted', paymentId: `order_${key}` });
      expect(stored.conversation?.status).toBe('closed');
      const payment = await prisma.payment.findUniqueOrThrow({ where: { source_externalId: { source: 'shopify', externalId: `order_${key}` } } });
      expect(payment).toMatchObject({ matchStatus: 'matched', abandonmentId: stored.id });
    }
  });

  it('records the discounted link when the order that arrived first paid the discounted price', async () => {
    await catalog.save({
      productId: 'curso',
      productName: 'Curso',
      paymentLink: 'https://pay.example.com/curso',
      discountLink: 'https://pay.example.com/curso-10',
      discountPercent: 10,
    });
    const paid = order('checkout_discount');
    paid.amount = 177.3;
    await payments.record(paid, logger);
    await abandonments.start(checkout('checkout_discount'), logger);

    const stored = await prisma.abandonment.findUniqueOrThrow({ where: { externalId: 'checkout_discount' } });
    expect(stored).toMatchObject({ status: 'converted', conversionLink: 'discounted', paymentId: 'order_checkout_discount' });
  });
});

describe('settlement rules', () => {
  const stored = (externalId: string) => prisma.abandonment.findUniqueOrThrow({ where: { externalId }, include: { conversation: true } });
  const paymentRow = (source: string, externalId: string) => prisma.payment.findUniqueOrThrow({ where: { source_externalId: { source, externalId } } });

  it('keeps a payment that came before its abandonment unmatched with the reason, and the abandonment claims it without a word', async () => {
    const paid = { ...order('late_cart'), checkoutKey: null };
    expect(await payments.record(paid, logger)).toMatchObject({ outcome: 'unmatched', reason: expect.stringMatching(/no open abandonment by this phone/) });

    expect(await abandonments.start(checkout('late_cart'), logger)).toMatchObject({ outcome: 'closed' });
    expect(await stored('late_cart')).toMatchObject({
      status: 'converted',
      paymentId: 'order_late_cart',
      conversation: { closedReason: 'paid_before_contact' },
    });
    expect(await paymentRow('shopify', 'order_late_cart')).toMatchObject({ matchStatus: 'matched', matchedBy: 'phone', reviewReason: null });
    expect(await prisma.message.count()).toBe(0);
  });

  it('treats a replayed platform payment as the same conversion: one row, one conversion', async () => {
    await abandonments.start(checkout('replayed'), logger);
    const first = await payments.record(order('replayed'), logger);
    const again = await payments.record(order('replayed'), logger);

    expect(again).toEqual(first);
    expect(await prisma.payment.count()).toBe(1);
    expect(await paymentRow('shopify', 'order_replayed')).toMatchObject({ matchStatus: 'matched', matchedBy: 'checkout' });
  });

  it('holds a platform payment whose amount fits neither price for review, and stops selling to the buyer', async () => {
    await abandonments.start(checkout('cheap'), logger);
    const outcome = await payments.record({ ...order('cheap'), amount: 50 }, logger);

    expect(outcome).toMatchObject({ outcome: 'unmatched', reason: expect.stringMatching(/amount 50.00 matches neither the original value 197.00/) });
    expect(await paymentRow('shopify', 'order_cheap')).toMatchObject({ matchStatus: 'review', abandonmentId: null });
    expect(await stored('cheap')).toMatchObject({ status: 'initiated', conversation: { status: 'closed', closedReason: 'payment_review' } });
  });

  it('holds a second platform payment for a sale another payment converted', async () => {
    await abandonments.start(checkout('twice'), logger);
    await payments.record(order('twice'), logger);
    await payments.record({ ...order('twice'), paymentId: 'order_twice_again' }, logger);

    expect(await paymentRow('shopify', 'order_twice_again')).toMatchObject({
      matchStatus: 'review',
      reviewReason: 'abandonment twice was already converted by another payment',
    });
    expect(await stored('twice')).toMatchObject({ status: 'converted', paymentId: 'order_twice' });
  });

  it('holds an unmatched payment for review when its abandonment was converted by another before the arrival check', async () => {
    await abandonments.start(checkout('raced'), logger);
    await payments.record(order('raced'), logger);
    // Paid again, by phone only, while the abandonment worker was still between its two steps.
    await prisma.payment.create({ data: { source: 'shopify', externalId: 'order_raced_2', buyerPhone: '+5511987652222', amount: 197, paidAt: new Date() } });
    const abandonment = await stored('raced');
    const settlement = new Settlement(prisma, catalog, new PaymentMatcher(prisma, matching.matchWindowMs));
    await settlement.onArrival({ ...checkout('raced'), abandonmentId: 'raced_elsewhere' }, abandonment, abandonment.conversationId ?? '');

    expect(await paymentRow('shopify', 'order_raced_2')).toMatchObject({ matchStatus: 'review', abandonmentId: null });
    expect(await stored('raced')).toMatchObject({ paymentId: 'order_raced' });
  });

  it('closes every other open recovery of the product the buyer bought', async () => {
    await abandonments.start(checkout('cart_a'), logger);
    await abandonments.start({ ...checkout('pix_a'), kind: 'pix_generated' }, logger);
    await payments.record(order('cart_a'), logger);

    expect(await stored('cart_a')).toMatchObject({ conversation: { closedReason: 'converted' } });
    expect(await stored('pix_a')).toMatchObject({ status: 'initiated', conversation: { status: 'closed', closedReason: 'purchased' } });
  });

  it("stores Sara's own payments in payments with source sara: matched when they convert, in review when they do not fit", async () => {
    const sara = { ...checkout('sara_ab'), source: 'sara' };
    await abandonments.start(sara, logger);
    await abandonments.start({ ...sara, conversationId: randomUUID(), abandonmentId: 'sara_ab_2', productId: 'outro' }, logger);
    const paid: PaymentCommand = { paymentId: 'pay_sara', status: 'paid', amount: 197, source: 'sara', abandonmentId: 'sara_ab' };
    expect(await payments.record(paid, logger)).toMatchObject({ outcome: 'converted', thanksMessageId: expect.any(String) });
    const abandonment = await stored('sara_ab');
    expect(await paymentRow('sara', 'pay_sara')).toMatchObject({
      matchStatus: 'matched',
      matchedBy: 'checkout',
      abandonmentId: abandonment.id,
      checkoutKey: 'sara_ab',
    });

    await expect(payments.record({ ...paid, paymentId: 'pay_sara_cheap', abandonmentId: 'sara_ab_2', amount: 5 }, logger)).rejects.toThrow(PaymentNeedsReview);
    expect(await paymentRow('sara', 'pay_sara_cheap')).toMatchObject({ matchStatus: 'review', reviewReason: expect.stringMatching(/matches neither/) });
    // Sara's own format keeps the design's flow: the payment waits for review, the conversation goes on.
    expect((await stored('sara_ab_2')).conversation?.status).toBe('awaiting_response');
  });
});
