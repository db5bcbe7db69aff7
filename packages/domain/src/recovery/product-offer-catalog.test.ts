import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestPrisma, truncateAll } from '../../../../test/support/database.js';
import { ProductOfferCatalog } from './product-offer-catalog.js';

const prisma = createTestPrisma();
const catalog = new ProductOfferCatalog(prisma);
const offer = { productId: 'prod_1', productName: 'Curso', paymentLink: 'https://pay.example.com/1', discountLink: null, discountPercent: 15 };
const faq = [{ question: 'O acesso é vitalício?', answer: 'Sim, o acesso é vitalício.' }];

beforeEach(async () => {
  await truncateAll(prisma);
});
afterAll(async () => {
  await prisma.$disconnect();
});

describe('ProductOfferCatalog', () => {
  it('returns what was saved, FAQ included, and the next read sees an edit made anywhere', async () => {
    await catalog.save({ ...offer, faq });
    expect(await catalog.find('prod_1')).toEqual({ ...offer, faq });
    // Another replica (or a person in SQL) changes the row: no cache can keep the old one.
    await prisma.productOffer.update({ where: { productId: 'prod_1' }, data: { productName: 'Curso novo' } });
    expect((await catalog.find('prod_1'))?.productName).toBe('Curso novo');
  });

  it('replaces the whole offer on save: a FAQ left out is emptied, not kept', async () => {
    await catalog.save({ ...offer, faq });
    const stored = await catalog.save({ ...offer, discountPercent: 20 });
    expect(stored).toMatchObject({ discountPercent: 20, faq: [], active: true });
  });

  it('treats an inactive offer as none for the conversation, but keeps it for the admin', async () => {
    expect(await catalog.find('prod_1')).toBeNull();
    await catalog.save(offer);
    expect(await catalog.deactivate('prod_1')).toMatchObject({ productId: 'prod_1', active: false });
    expect(await catalog.find('prod_1')).toBeNull();
    expect(await catalog.get('prod_1')).toMatchObject({ active: false, productName: 'Curso' });
    expect(await catalog.deactivate('missing')).toBeNull();
  });

  it('reads a FAQ damaged by a hand edit as empty instead of failing the reply', async () => {
    await catalog.save(offer);
    await prisma.productOffer.update({ where: { productId: 'prod_1' }, data: { faq: { not: 'a list' } } });
    expect((await catalog.find('prod_1'))?.faq).toEqual([]);
  });

  it('lists offers by product id, filtered by state', async () => {
    await catalog.save({ ...offer, productId: 'b' });
    await catalog.save({ ...offer, productId: 'a', active: false });
    expect((await catalog.list({ limit: 10, offset: 0 })).offers.map((o) => o.productId)).toEqual(['a', 'b']);
    expect(await catalog.list({ limit: 10, offset: 0, active: true })).toMatchObject({ total: 1, offers: [{ productId: 'b' }] });
  });
});
