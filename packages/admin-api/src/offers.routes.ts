import { AppError, previewReply, type PrismaClientOrTransaction, type ProductOfferCatalog, type ProductOfferInput, type ReplySettings } from '@sara/domain';
import { validate } from '@sara/http';
import express, { Router, type Request } from 'express';
import { body, matchedData, param } from 'express-validator';
import type { OfferAnswer, OfferListAnswer, OfferTestAnswer } from './answers.js';
import { noAudit, type AuditHook } from './mount.js';
import { paginationRules, singleQuery } from './pagination.js';

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

/** An offer's fields, at the body's root (PUT) or under `offer.` (the test of a draft): one set of rules for both. */
const offerFieldRules = (prefix: '' | 'offer.') => [
  (prefix ? body('offer') : body()).isObject().withMessage('must be a JSON object'),
  body(`${prefix}productName`)
    .isString()
    .withMessage('must be a string')
    .bail()
    .trim()
    .isLength({ min: 1, max: 255 })
    .withMessage('must be 1 to 255 characters'),
  httpsLink(`${prefix}paymentLink`),
  httpsLink(`${prefix}discountLink`).optional({ values: 'null' }),
  body(`${prefix}discountPercent`).optional({ values: 'null' }).isFloat({ min: 0, max: 90 }).withMessage('must be a number from 0 to 90').toFloat(),
  body(`${prefix}faq`).optional().isArray({ max: MAX_FAQ_ENTRIES }).withMessage(`must be a list of at most ${MAX_FAQ_ENTRIES} entries`),
  body(`${prefix}faq.*`).isObject().withMessage('must be an object {question, answer}'),
  faqText(`${prefix}faq.*.question`),
  faqText(`${prefix}faq.*.answer`),
];

const offerRules = [productIdRule, ...offerFieldRules(''), body('active').optional().isBoolean({ strict: true }).withMessage('must be true or false')];

const offerTestRules = [...offerFieldRules('offer.'), faqText('question')];

type OfferFields = Omit<ProductOfferInput, 'productId' | 'active'>;

const faqOf = (fields: OfferFields) => (fields.faq ?? []).map(({ question, answer }) => ({ question, answer }));

function offerNotFound(productId: string): AppError {
  return new AppError('OFFER_NOT_FOUND', 'No offer for this product', { status: 404, details: { productId } });
}

export type OffersAdminDeps = {
  catalog: ProductOfferCatalog;
  prisma: PrismaClientOrTransaction;
  /** How the conversation worker composes a reply (AI_REPLY_MAX_CHARS, the discount rule): the test composes the same. */
  reply: ReplySettings;
  audit?: AuditHook;
};

/**
 * The shop's offers and what it knows about each product (its FAQ). Every write goes straight to
 * Postgres, which every replica reads on the next message. Mounted behind the admin token
 * (ingress) or an admin session (console).
 */
export function offersAdminRoutes(deps: OffersAdminDeps): Router {
  const router = Router();
  const { catalog } = deps;
  const audit = deps.audit ?? noAudit;
  const productOf = (req: Request) => (typeof req.params.productId === 'string' ? req.params.productId : null);

  router.get(
    '/offers',
    validate([singleQuery('active').isIn(['true', 'false']).withMessage('must be true or false'), ...paginationRules]),
    async (req, res) => {
      const { active, limit = 50, offset = 0 } = matchedData(req, { locations: ['query'] }) as { active?: string; limit?: number; offset?: number };
      const page = await catalog.list({ limit, offset, ...(active === undefined ? {} : { active: active === 'true' }) });
      const answer: OfferListAnswer = { ...page, pagination: { limit, offset, total: page.total } };
      res.json(answer);
    },
  );

  // "Testar": the offline brain on the draft as typed, before (or without) saving it.
  router.post('/offers/test', express.json({ limit: '512kb' }), validate(offerTestRules), async (req, res) => {
    const { offer, question } = matchedData(req, { locations: ['body'] }) as { offer: OfferFields; question: string };
    const draft = {
      productName: offer.productName,
      paymentLink: offer.paymentLink,
      discountLink: offer.discountLink ?? null,
      discountPercent: offer.discountPercent ?? null,
      faq: faqOf(offer),
    };
    const answer: OfferTestAnswer = await previewReply(deps.prisma, draft, question, deps.reply);
    res.json(answer);
  });

  router.get('/offers/:productId', validate([productIdRule]), async (req, res) => {
    const productId = req.params.productId as string;
    const offer = await catalog.get(productId);
    if (!offer) throw offerNotFound(productId);
    const answer: OfferAnswer = offer;
    res.json(answer);
  });

  router.put('/offers/:productId', audit('offers.put', productOf), express.json({ limit: '512kb' }), validate(offerRules), async (req, res) => {
    const data = matchedData(req, { locations: ['body'] }) as OfferFields & { active?: boolean };
    const answer: OfferAnswer = await catalog.save({
      productId: req.params.productId as string,
      productName: data.productName,
      paymentLink: data.paymentLink,
      discountLink: data.discountLink ?? null,
      discountPercent: data.discountPercent ?? null,
      ...(data.active === undefined ? {} : { active: data.active }),
      faq: faqOf(data),
    });
    res.json(answer);
  });

  // Deactivates, keeping the row for history: Sara then offers only the checkout's own link.
  router.delete('/offers/:productId', audit('offers.delete', productOf), validate([productIdRule]), async (req, res) => {
    const productId = req.params.productId as string;
    const offer = await catalog.deactivate(productId);
    if (!offer) throw offerNotFound(productId);
    const answer: OfferAnswer = offer;
    res.json(answer);
  });

  return router;
}
