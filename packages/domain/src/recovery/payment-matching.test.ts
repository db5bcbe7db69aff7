import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestPrisma, truncateAll } from '../../../../test/support/database.js';
import { PaymentMatcher } from './payment-matching.js';

const prisma = createTestPrisma();
const HOUR = 3600_000;
const matcher = new PaymentMatcher(prisma, 24 * HOUR);

beforeEach(async () => {
  await truncateAll(prisma);
});
afterAll(async () => {
  await prisma.$disconnect();
});

async function abandonment(externalId: string, data: { phone?: string; email?: string; productId?: string; status?: string; hoursAgo?: number } = {}) {
  const phoneNumber = data.phone ?? '+5511987653333';
  const user = await prisma.user.upsert({ where: { phoneNumber }, create: { phoneNumber, name: 'Rui' }, update: {} });
  const createdAt = new Date(Date.now() - (data.hoursAgo ?? 1) * HOUR);
  return prisma.abandonment.create({
    data: { userId: user.id, externalId, productId: data.productId ?? 'curso', buyerEmail: data.email ?? null, status: data.status ?? 'initiated', createdAt },
  });
}

const payment = (buyer: { phone?: string; email?: string }, extra: { checkoutKey?: string; productId?: string } = {}) => ({
  buyer,
  paidAt: new Date(),
  ...extra,
});

describe('PaymentMatcher.abandonmentFor', () => {
  it('finds the checkout the payment names before any buyer key', async () => {
    await abandonment('by_phone');
    const named = await abandonment('named', { phone: '+5511900000000' });
    expect(await matcher.abandonmentFor(payment({ phone: '+5511987653333' }, { checkoutKey: 'named' }))).toMatchObject({
      found: true,
      matchedBy: 'checkout',
      abandonment: { id: named.id },
    });
  });

  it('matches the phone in any of its Brazilian spellings, then the email', async () => {
    const byPhone = await abandonment('by_phone');
    // The same mobile without the ninth digit, as older checkouts store it.
    expect(await matcher.abandonmentFor(payment({ phone: '+551187653333' }))).toMatchObject({ matchedBy: 'phone', abandonment: { id: byPhone.id } });
    const byEmail = await abandonment('by_email', { phone: '+5511911112222', email: 'rui@example.com' });
    expect(await matcher.abandonmentFor(payment({ phone: '+5521900001111', email: 'rui@example.com' }))).toMatchObject({
      matchedBy: 'email',
      abandonment: { id: byEmail.id },
    });
  });

  it('takes the latest open abandonment of the product the payment names', async () => {
    await abandonment('older', { hoursAgo: 5 });
    const latest = await abandonment('latest', { hoursAgo: 2 });
    await abandonment('other_product', { productId: 'ebook', hoursAgo: 1 });
    expect(await matcher.abandonmentFor(payment({ phone: '+5511987653333' }, { productId: 'curso' }))).toMatchObject({ abandonment: { id: latest.id } });
  });

  it('says why when nothing open fits: converted, outside the window, or another product', async () => {
    await abandonment('converted', { status: 'converted' });
    await abandonment('too_old', { hoursAgo: 30 });
    await abandonment('ebook', { productId: 'ebook' });
    expect(await matcher.abandonmentFor(payment({ phone: '+5511987653333', email: 'x@example.com' }, { productId: 'curso' }))).toEqual({
      found: false,
      reason: 'no open abandonment of product curso by this phone or email in the 24 h before the payment',
    });
  });
});

describe('PaymentMatcher.settlingPaymentFor', () => {
  const arrival = (key: string, happenedAt = new Date(Date.now() - HOUR)) => ({
    abandonmentKey: key,
    buyer: { phone: '+5511987653333', email: 'rui@example.com' },
    productId: 'curso',
    happenedAt,
    recordedAt: new Date(),
  });
  const stored = (externalId: string, data: { checkoutKey?: string; matchStatus?: string; paidAt?: Date; productId?: string; buyerPhone?: string }) =>
    prisma.payment.create({
      data: { source: 'hotmart', externalId, amount: 10, paidAt: data.paidAt ?? new Date(), buyerPhone: data.buyerPhone ?? null, ...data },
    });

  it('prefers the payment of this very checkout, Sara’s own included', async () => {
    await stored('by_phone', { buyerPhone: '+5511987653333' });
    const exact = await prisma.payment.create({ data: { source: 'sara', externalId: 'pay_1', checkoutKey: 'ab_1', amount: 10, paidAt: new Date() } });
    expect(await matcher.settlingPaymentFor(arrival('ab_1'))).toMatchObject({ id: exact.id });
  });

  it('offers an unmatched payment of the buyer before one that settled another abandonment', async () => {
    await stored('settled', { buyerPhone: '+5511987653333', matchStatus: 'matched' });
    const unmatched = await stored('unmatched', { buyerPhone: '+5511987653333', paidAt: new Date(Date.now() - 3 * HOUR) });
    expect(await matcher.settlingPaymentFor(arrival('ab_2'))).toMatchObject({ id: unmatched.id });
  });

  it('ignores a matched payment made before this abandonment happened, and another product', async () => {
    await stored('before', { buyerPhone: '+5511987653333', matchStatus: 'matched', paidAt: new Date(Date.now() - 2 * HOUR) });
    await stored('ebook', { buyerPhone: '+5511987653333', productId: 'ebook' });
    expect(await matcher.settlingPaymentFor(arrival('ab_3'))).toBeNull();
  });
});
