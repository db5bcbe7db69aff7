import { ProductOfferCatalog, type PrismaClientOrTransaction } from '@sara/domain';
import type { Redis } from 'ioredis';
import { DEMO_OFFERS } from './demo-catalog.js';

/**
 * Upserts the demo products through the catalog, so each cached offer is dropped and no worker
 * keeps quoting an older demo price for the cache's hour. Safe to run on every start.
 */
export async function seedDemoOffers(db: PrismaClientOrTransaction, redis: Redis, keyPrefix: string): Promise<string[]> {
  const catalog = new ProductOfferCatalog(db, redis, keyPrefix);
  for (const { price: _price, ...offer } of DEMO_OFFERS) await catalog.save({ ...offer, active: true });
  return DEMO_OFFERS.map((offer) => offer.productId);
}
