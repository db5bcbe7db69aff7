import { randomUUID } from 'node:crypto';
import { createLogger } from '@sara/observability';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestPrisma, truncateAll } from '../../../../test/support/database.js';
import type { AbandonmentCommand, PaymentCommand } from './commands.js';
import { AbandonmentService } from './abandonment.service.js';
import { PaymentService } from './payment.service.js';
import { ProductOfferCatalog } from './product-offer-catalog.js';

const prisma = createTestPrisma();
const logger = createLogger({ service: 'test', level: 'silent' });
const templates = { language: 'pt_BR', abandonment: 'abandono', thanks: 'obrigado', paymentPending: 'pendente', paymentExpired: 'expirado' };
const options = { matchWindowMs: 7 * 24 * 3600_000 };
const catalog = new ProductOfferCatalog(prisma);
const abandonments = new AbandonmentService(prisma, catalog, templates, options);
const payments = new PaymentService(prisma, catalog, templates, options);

beforeEach(async () => {
  await truncateAll(prisma);
});
afterAll(async () => {
  await prisma.$disconnect();
});

function checkout(key: string): AbandonmentCommand {
  return {
    conversationId: randomUUID(),
    name: 'Caio',
    phone: '+5511987652222',
    email: 'caio@example.com',
    productId: 'curso',
    paymentLink: 'https://pay.example.com/curso',
    abandonmentId: key,
    value: 197,
    kind: 'cart',
    source: 'shopify',
  };
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
