import type { Redis } from 'ioredis';
import type { PrismaClientOrTransaction } from '../client.js';

export type ProductOfferView = {
  productId: string;
  productName: string;
  paymentLink: string;
  discountLink: string | null;
  discountPercent: number | null;
};

const CACHE_TTL_SECONDS = 3_600;
/** Cached answer for a product Sara has no active offer for, so misses are cached too. */
const NO_OFFER = 'none';

/**
 * Product offers, read through a Redis cache (1 h TTL). Every write goes through `save`, which
 * drops the cached entry after the row changes, so no reader keeps a stale price for an hour.
 * A Redis failure only costs a database read.
 */
export class ProductOfferCatalog {
  constructor(
    private readonly db: PrismaClientOrTransaction,
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async find(productId: string): Promise<ProductOfferView | null> {
    const key = this.key(productId);
    const cached = await this.redis.get(key).catch(() => null);
    if (cached === NO_OFFER) return null;
    if (cached) return JSON.parse(cached) as ProductOfferView;

    const row = await this.db.productOffer.findUnique({ where: { productId } });
    const offer: ProductOfferView | null =
      row && row.active
        ? {
            productId: row.productId,
            productName: row.productName,
            paymentLink: row.paymentLink,
            discountLink: row.discountLink,
            discountPercent: row.discountPercent === null ? null : row.discountPercent.toNumber(),
          }
        : null;
    await this.redis.set(key, offer ? JSON.stringify(offer) : NO_OFFER, 'EX', CACHE_TTL_SECONDS).catch(() => {});
    return offer;
  }

  async save(offer: ProductOfferView & { active?: boolean }): Promise<void> {
    const data = {
      productName: offer.productName,
      paymentLink: offer.paymentLink,
      discountLink: offer.discountLink,
      discountPercent: offer.discountPercent,
      active: offer.active ?? true,
    };
    await this.db.productOffer.upsert({ where: { productId: offer.productId }, create: { productId: offer.productId, ...data }, update: data });
    await this.invalidate(offer.productId);
  }

  async invalidate(productId: string): Promise<void> {
    await this.redis.del(this.key(productId));
  }

  private key(productId: string): string {
    return `${this.keyPrefix}:product-offer:${encodeURIComponent(productId)}`;
  }
}
