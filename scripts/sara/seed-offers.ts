import { ProductOfferCatalog, type PrismaClientOrTransaction } from '@sara/domain';
import { DEMO_OFFERS } from './demo-catalog.js';
import { DEMO_FAQ } from './demo-faq.js';

/**
 * Upserts the demo products, each with its FAQ, through the catalog every app reads, so a
 * re-run replaces anything edited since. Safe to run on every start.
 */
export async function seedDemoOffers(db: PrismaClientOrTransaction): Promise<string[]> {
  const catalog = new ProductOfferCatalog(db);
  for (const { price: _price, ...offer } of DEMO_OFFERS) await catalog.save({ ...offer, faq: DEMO_FAQ[offer.productId] ?? [], active: true });
  return DEMO_OFFERS.map((offer) => offer.productId);
}
