import { AppError, type ProductOfferCatalog, type ProductOfferInput } from '@sara/domain';
import express, { Router } from 'express';
import { body, matchedData, param } from 'express-validator';
import { paginationRules, singleQuery } from './pagination.js';
import { validate } from '@sara/http';

const MAX_FAQ_ENTRIES = 100;
const MAX_FAQ_TEXT = 1_000;
/** Anything a checkout platform uses as a product id, but no control characters. */
const PRODUCT_ID = /^[^\p{Cc}]{1,255}$/u;

const productIdRule = param('productId').matches(PRODUCT_ID).withMessage('must be 1 to 255 characters, without control characters');

/** A link a buyer taps from WhatsApp: https only, so no checkout ever goes over plain HTTP. */
const httpsLink = (field: string) =>
  body(field)
    .isString()
    .withMessage('must be a string')
    .bail()
    .trim()
    .isLength({ max: 1_024 })
    .withMessage('must be at most 1024 characters')
    .bail()
    .isURL({ protocols: ['https'], require_protocol: true, require_valid_protocol: true })
    .withMessage('must be an https URL');

const faqText = (field: string) =>
  body(field)
    .isString()
    .withMessage('must be a string')
    .bail()
    .trim()
    .isLength({ min: 1, max: MAX_FAQ_TEXT })
    .withMessage(`must be 1 to ${MAX_FAQ_TEXT} characters`);

const offerRules = [
  productIdRule,
  body().isObject().withMessage('must be a JSON object'),
  body('productName').isString().withMessage('must be a string').bail().trim().isLength({ min: 1, max: 255 }).withMessage('must be 1 to 255 characters'),
  httpsLink('paymentLink'),
  httpsLink('discountLink').optional({ values: 'null' }),
  body('discountPercent').optional({ values: 'null' }).isFloat({ min: 0, max: 90 }).withMessage('must be a number from 0 to 90').toFloat(),
  body('active').optional().isBoolean({ strict: true }).withMessage('must be true or false'),
  body('faq').optional().isArray({ max: MAX_FAQ_ENTRIES }).withMessage(`must be a list of at most ${MAX_FAQ_ENTRIES} entries`),
  body('faq.*').isObject().withMessage('must be an object {question, answer}'),
  faqText('faq.*.question'),
  faqText('faq.*.answer'),
];

function offerNotFound(productId: string): AppError {
  return new AppError('OFFER_NOT_FOUND', 'No offer for this product', { status: 404, details: { productId } });
}

/**
 * The shop's offers and what it knows about each product (its FAQ). Every write goes straight to
 * Postgres, which every replica reads on the next message. Mounted behind the admin token.
 */
export function offersAdminRoutes(catalog: ProductOfferCatalog): Router {
  const router = Router();

  router.get(
    '/offers',
    validate([singleQuery('active').isIn(['true', 'false']).withMessage('must be true or false'), ...paginationRules]),
    async (req, res) => {
      const { active, limit = 50, offset = 0 } = matchedData(req, { locations: ['query'] }) as { active?: string; limit?: number; offset?: number };
      const page = await catalog.list({ limit, offset, ...(active === undefined ? {} : { active: active === 'true' }) });
      res.json({ ...page, pagination: { limit, offset, total: page.total } });
    },
  );

  router.get('/offers/:productId', validate([productIdRule]), async (req, res) => {
    const productId = req.params.productId as string;
    const offer = await catalog.get(productId);
    if (!offer) throw offerNotFound(productId);
    res.json(offer);
  });

  router.put('/offers/:productId', express.json({ limit: '512kb' }), validate(offerRules), async (req, res) => {
    const data = matchedData(req, { locations: ['body'] }) as Omit<ProductOfferInput, 'productId'>;
    const stored = await catalog.save({
      productId: req.params.productId as string,
      productName: data.productName,
      paymentLink: data.paymentLink,
      discountLink: data.discountLink ?? null,
      discountPercent: data.discountPercent ?? null,
      ...(data.active === undefined ? {} : { active: data.active }),
      faq: (data.faq ?? []).map(({ question, answer }) => ({ question, answer })),
    });
    res.json(stored);
  });

  // Deactivates, keeping the row for history: Sara then offers only the checkout's own link.
  router.delete('/offers/:productId', validate([productIdRule]), async (req, res) => {
    const productId = req.params.productId as string;
    const offer = await catalog.deactivate(productId);
    if (!offer) throw offerNotFound(productId);
    res.json(offer);
  });

  return router;
}
