import type { FaqEntry } from '@sara/ai';
import { z } from 'zod';
import type { PrismaClientOrTransaction } from '../client.js';
import type { ProductOffer } from '../generated/prisma/client.js';

export type ProductOfferView = {
  productId: string;
  productName: string;
  paymentLink: string;
  discountLink: string | null;
  discountPercent: number | null;
  /** The merchant's own answers: the only product facts Sara may state. */
  faq: FaqEntry[];
};

/** What the admin API shows: the offer as stored, inactive ones included. */
export type StoredProductOffer = ProductOfferView & { active: boolean; createdAt: string; updatedAt: string };

export type ProductOfferInput = Omit<ProductOfferView, 'faq'> & { faq?: FaqEntry[]; active?: boolean };

/** Rows are written through `save`, but a hand edit in SQL must not crash a reply. */
const zStoredFaq = z.array(z.object({ question: z.string(), answer: z.string() }));

/**
 * Product offers, read straight from Postgres. An edit through the admin API is seen by every
 * replica at the next message: a shared cache saved nothing here (one indexed read by key costs
 * the same round trip as a Redis GET) and could serve an old price after a racing read.
 */
export class ProductOfferCatalog {
  constructor(private readonly db: PrismaClientOrTransaction) {}

  /** The active offer, or null when the product has none (or it was deactivated). */
  async find(productId: string): Promise<ProductOfferView | null> {
    const row = await this.db.productOffer.findUnique({ where: { productId } });
    if (!row?.active) return null;
    const { active: _active, createdAt: _created, updatedAt: _updated, ...offer } = toStored(row);
    return offer;
  }

  async get(productId: string): Promise<StoredProductOffer | null> {
    const row = await this.db.productOffer.findUnique({ where: { productId } });
    return row ? toStored(row) : null;
  }

  async list(page: { limit: number; offset: number; active?: boolean }): Promise<{ offers: StoredProductOffer[]; total: number }> {
    const where = page.active === undefined ? {} : { active: page.active };
    const [rows, total] = await Promise.all([
      this.db.productOffer.findMany({ where, orderBy: [{ productId: 'asc' }], skip: page.offset, take: page.limit }),
      this.db.productOffer.count({ where }),
    ]);
    return { offers: rows.map(toStored), total };
  }

  /** Creates or replaces the offer: a field left out returns to its default (no FAQ, active). */
  async save(offer: ProductOfferInput): Promise<StoredProductOffer> {
    const data = {
      productName: offer.productName,
      paymentLink: offer.paymentLink,
      discountLink: offer.discountLink,
      discountPercent: offer.discountPercent,
      active: offer.active ?? true,
      faq: offer.faq ?? [],
    };
    const row = await this.db.productOffer.upsert({ where: { productId: offer.productId }, create: { productId: offer.productId, ...data }, update: data });
    return toStored(row);
  }

  /** Stops offering the product; the row stays, so past conversations still read their offer. */
  async deactivate(productId: string): Promise<StoredProductOffer | null> {
    const changed = await this.db.productOffer.updateMany({ where: { productId }, data: { active: false } });
    return changed.count > 0 ? this.get(productId) : null;
  }
}

function toStored(row: ProductOffer): StoredProductOffer {
  const faq = zStoredFaq.safeParse(row.faq);
  return {
    productId: row.productId,
    productName: row.productName,
    paymentLink: row.paymentLink,
    discountLink: row.discountLink,
    discountPercent: row.discountPercent === null ? null : row.discountPercent.toNumber(),
    faq: faq.success ? faq.data : [],
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
