import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createProducerConnection } from '@sara/jobs';
import { createTestPrisma, truncateAll } from '../../../../test/support/database.js';
import { TEST_REDIS_URL } from '../../../../test/test-env.js';
import { waitFor } from '../../../../test/support/wait-for.js';
import { ProductOfferCatalog } from './product-offer-catalog.js';

const prisma = createTestPrisma();
const redis = createProducerConnection(TEST_REDIS_URL);
const prefix = `sara-test-${randomUUID().slice(0, 8)}`;
const catalog = new ProductOfferCatalog(prisma, redis, prefix);
const offer = { productId: 'prod_1', productName: 'Curso', paymentLink: 'https://pay.example.com/1', discountLink: null, discountPercent: 15 };

beforeEach(async () => {
  await waitFor(() => redis.status === 'ready');
  await truncateAll(prisma);
  await catalog.invalidate('prod_1');
});
afterAll(async () => {
  await redis.del(`${prefix}:product-offer:prod_1`);
  redis.disconnect();
  await prisma.$disconnect();
});

describe('ProductOfferCatalog', () => {
  it('serves a read from the cache for an hour, without touching the database again', async () => {
    await prisma.productOffer.create({ data: { ...offer, discountPercent: '15.00' } });
    expect(await catalog.find('prod_1')).toEqual(offer);
    await prisma.productOffer.update({ where: { productId: 'prod_1' }, data: { productName: 'changed behind the cache' } });
    expect((await catalog.find('prod_1'))?.productName).toBe('Curso');
    const ttl = await redis.ttl(`${prefix}:product-offer:prod_1`);
    expect(ttl).toBeGreaterThan(3_500);
    expect(ttl).toBeLessThanOrEqual(3_600);
  });

  it('drops the cached entry when the offer is saved, so the next read sees the change', async () => {
    await catalog.save(offer);
    expect((await catalog.find('prod_1'))?.discountPercent).toBe(15);
    await catalog.save({ ...offer, discountPercent: 20 });
    expect((await catalog.find('prod_1'))?.discountPercent).toBe(20);
  });

  it('caches the absence of an offer too, and treats an inactive offer as none', async () => {
    expect(await catalog.find('prod_1')).toBeNull();
    await prisma.productOffer.create({ data: { ...offer, discountPercent: null } });
    expect(await catalog.find('prod_1')).toBeNull();
    await catalog.save({ ...offer, active: false });
    expect(await catalog.find('prod_1')).toBeNull();
  });
});
