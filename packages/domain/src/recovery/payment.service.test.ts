import { createLogger } from '@sara/observability';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestPrisma, truncateAll } from '../../../../test/support/database.js';
import type { PaymentCommand } from './commands.js';
import { PaymentNeedsReview, PaymentService, type PaymentOutcome } from './payment.service.js';
import { ProductOfferCatalog } from './product-offer-catalog.js';

const prisma = createTestPrisma();
const logger = createLogger({ service: 'test', level: 'silent' });
const templates = { language: 'pt_BR', abandonment: 'abandono', thanks: 'obrigado', paymentPending: 'pendente', paymentExpired: 'expirado' };
const service = new PaymentService(prisma, new ProductOfferCatalog(prisma), templates, { matchWindowMs: 7 * 24 * 3600_000 });

beforeEach(async () => {
  await truncateAll(prisma);
});
afterAll(async () => {
  await prisma.$disconnect();
});

async function abandonment(externalId: string) {
  const user = await prisma.user.create({ data: { phoneNumber: '+5511987650000', name: 'Ana' } });
  return prisma.abandonment.create({ data: { userId: user.id, externalId, productId: 'curso', value: 297, status: 'active' } });
}

function job(payload: Partial<PaymentCommand> & { paymentId: string }): PaymentCommand {
  return { status: 'paid', amount: 297, source: 'sara', ...payload };
}

/** Every settle call at once, as replicas taking jobs from one queue would. */
async function settleTogether(jobs: PaymentCommand[]): Promise<PromiseSettledResult<PaymentOutcome>[]> {
  return Promise.allSettled(jobs.map((each) => service.record(each, logger)));
}

describe('PaymentService', () => {
  it.each([2, 10])('converts once when %i different payments for one abandonment arrive together, and holds every other for review', async (count) => {
    await abandonment('ab_race');
    const results = await settleTogether(Array.from({ length: count }, (_, index) => job({ abandonmentId: 'ab_race', paymentId: `pay_${index}` })));

    const converted = results.filter((result) => result.status === 'fulfilled' && result.value.outcome === 'converted');
    const held = results.filter((result) => result.status === 'rejected' && result.reason instanceof PaymentNeedsReview);
    expect(converted).toHaveLength(1);
    expect(held).toHaveLength(count - 1);
    const stored = await prisma.abandonment.findUniqueOrThrow({ where: { externalId: 'ab_race' } });
    expect(stored.status).toBe('converted');
    expect(stored.paymentId).toMatch(/^pay_\d+$/);
  });

  it('treats a replay of the payment that converted the abandonment as the same conversion', async () => {
    await abandonment('ab_replay');
    const first = await service.record(job({ abandonmentId: 'ab_replay', paymentId: 'pay_1' }), logger);
    const again = await service.record(job({ abandonmentId: 'ab_replay', paymentId: 'pay_1' }), logger);
    expect(first).toMatchObject({ outcome: 'converted' });
    expect(again).toMatchObject({ outcome: 'converted' });
    await expect(service.record(job({ abandonmentId: 'ab_replay', paymentId: 'pay_2' }), logger)).rejects.toThrow(/already converted by another payment/);
  });

  it('puts every platform payment but one up for review when several match one abandonment at once', async () => {
    await abandonment('checkout_9');
    const results = await settleTogether(
      Array.from({ length: 6 }, (_, index) => job({ source: 'shopify', checkoutKey: 'checkout_9', paymentId: `order_${index}`, abandonmentId: null })),
    );

    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    const payments = await prisma.payment.findMany({ orderBy: { externalId: 'asc' } });
    expect(payments.filter((payment) => payment.matchStatus === 'matched')).toHaveLength(1);
    const reviewed = payments.filter((payment) => payment.matchStatus === 'review');
    expect(reviewed).toHaveLength(5);
    expect(reviewed.every((payment) => payment.reviewReason?.includes('already converted by another payment'))).toBe(true);
    const stored = await prisma.abandonment.findUniqueOrThrow({ where: { externalId: 'checkout_9' } });
    expect(payments.find((payment) => payment.matchStatus === 'matched')?.externalId).toBe(stored.paymentId);
  });

  it('holds a payment whose amount fits neither price for review without converting', async () => {
    await abandonment('ab_amount');
    await expect(service.record(job({ abandonmentId: 'ab_amount', paymentId: 'pay_x', amount: 10 }), logger)).rejects.toThrow(/matches neither/);
    expect((await prisma.abandonment.findUniqueOrThrow({ where: { externalId: 'ab_amount' } })).status).toBe('active');
  });
});
