import { randomUUID } from 'node:crypto';
import type { Prisma, WebhookLogRepository } from '@sara/domain';
import { boundedKey, normalizePhone } from '@sara/gateways';
import { E164, type AbandonmentEvent, type PaymentEvent } from '@sara/jobs';
import { Router, type RequestHandler } from 'express';
import { body, matchedData } from 'express-validator';
import { parseJsonBody, rawBody } from '../http/json-body.js';
import { verifyHubSignature } from '../http/signature.js';
import { validate } from '@sara/http';
import type { WebhookIntake } from '../webhooks/webhook-intake.js';

const MAX_MONEY = 99_999_999.99;

/**
 * Lengths in UTF-16 units, as the workers' zod schemas count them (and never fewer than
 * Postgres counts): "❤️" is 2, not the 1 express-validator's isLength would say, so a value
 * accepted here always fits the column and passes the worker's schema.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const fitsColumn = (max: number) => (value: string) => value.length >= 1 && value.length <= max && !/[\u0000-\u001f]/.test(value);

const required = (field: string) => body(field).exists({ values: 'null' }).withMessage('is required').bail();

const requiredString = (field: string) => required(field).isString().withMessage('must be a string').bail();

/** Trimmed, non-empty and no longer than the column it is stored in. */
const requiredText = (field: string, max = 255) => requiredString(field).trim().custom(fitsColumn(max)).withMessage(`must be 1 to ${max} characters`);

/** JSON numbers only: "250" is a string, and money is not guessed from one. */
const positiveAmount = (field: string) =>
  required(field)
    .custom((value: unknown) => typeof value === 'number' && Number.isFinite(value))
    .withMessage('must be a number')
    .bail()
    .custom((value: number) => value > 0)
    .withMessage('must be positive')
    .bail()
    .custom((value: number) => value <= MAX_MONEY)
    .withMessage(`must be at most ${MAX_MONEY}`)
    .bail()
    .custom((value: number) => Math.round(value * 100) === Number((value * 100).toFixed(6)))
    .withMessage('must have at most 2 decimal places');

/**
 * A name a buyer can be greeted by: at least one visible character (not only zero-width,
 * format or spacing ones) and no control character, C0 or C1. Zero-width joiners between
 * visible characters stay: they are how emoji sequences are written.
 */
const greetable = (value: string) => /[^\p{C}\p{Z}]/u.test(value) && !/\p{Cc}/u.test(value);

/**
 * E.164 in shape, and a number in use by the numbering plan (libphonenumber's full metadata),
 * read as the checkout platforms' phones are: "+5500000000000" has the shape and no such line.
 */
const phoneInUse = (value: string) => normalizePhone(value).ok;
const canonicalPhone = (value: string) => {
  const phone = normalizePhone(value);
  return phone.ok ? phone.e164 : value;
};

const optionalTimestamp = body('timestamp')
  .optional({ values: 'null' })
  .isISO8601({ strict: true, strictSeparator: true })
  .withMessage('must be an ISO 8601 date-time');

const abandonmentRules = [
  requiredText('userId'),
  requiredText('name').bail().custom(greetable).withMessage('must contain a visible character and no control characters'),
  requiredString('phone')
    .matches(E164)
    .withMessage('must be in E.164 format, e.g. +5511999999999')
    .bail()
    .custom(phoneInUse)
    .withMessage('is not a valid phone number')
    // "+55011…" (a trunk 0 kept) is the same line as "+5511…": stored as WhatsApp will name it.
    .customSanitizer(canonicalPhone),
  requiredText('productId'),
  requiredString('paymentLink')
    .custom((value: string) => value.length <= 1024)
    .withMessage('must be at most 1024 characters')
    .bail()
    .isURL({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
    .withMessage('must be an http(s) URL'),
  requiredText('abandonmentId'),
  optionalTimestamp,
  positiveAmount('value'),
];

const paymentRules = [
  requiredText('abandonmentId'),
  requiredText('paymentId'),
  // Lower-cased before the length check, as the worker's schema stores it.
  requiredString('status').trim().toLowerCase().custom(fitsColumn(50)).withMessage('must be 1 to 50 characters'),
  positiveAmount('amount'),
  body('productId')
    .optional({ values: 'null' })
    .isString()
    .withMessage('must be a string')
    .bail()
    .trim()
    .custom(fitsColumn(255))
    .withMessage('must be 1 to 255 characters'),
  body('linkType').optional({ values: 'null' }).isIn(['original', 'discounted']).withMessage('must be original or discounted'),
  optionalTimestamp,
];

export function checkoutWebhookRoutes(deps: { intake: WebhookIntake; webhookLog: WebhookLogRepository; secret: string; bodyLimit: string }): Router {
  const router = Router();
  const verified: RequestHandler[] = [rawBody(deps.bodyLimit), verifyHubSignature(deps.secret), parseJsonBody];

  router.post('/webhook/abandonment', ...verified, validate(abandonmentRules), async (req, res) => {
    const event = matchedData(req, { locations: ['body'] }) as AbandonmentEvent;
    const [row] = await deps.intake.accept(
      // The job carries only the validated fields: a sender cannot steer what platform events use (source, notBefore…).
      [
        {
          webhookType: 'abandonment',
          externalId: event.abandonmentId,
          payload: req.body as Prisma.InputJsonValue,
          event: event as Prisma.InputJsonValue,
          conversationId: randomUUID(),
        },
      ],
      res.locals.requestId as string,
    );
    res.status(200).json({
      status: row?.inserted ? 'received' : 'already_processed',
      abandonmentId: event.abandonmentId,
      conversationId: row?.conversationId,
    });
  });

  router.post('/webhook/payment', ...verified, validate(paymentRules), async (req, res) => {
    const event = matchedData(req, { locations: ['body'] }) as PaymentEvent;
    // A gateway may report pending, then paid, for one payment: only a repeat of the same
    // status is a redelivery. The paid event keeps the bare paymentId as its key.
    const externalId = event.status === 'paid' ? event.paymentId : boundedKey(`${event.paymentId}:${event.status}`);
    const [row] = await deps.intake.accept(
      [{ webhookType: 'payment', externalId, payload: req.body as Prisma.InputJsonValue, event: event as Prisma.InputJsonValue }],
      res.locals.requestId as string,
    );
    const conversationId = await deps.webhookLog.findConversationIdOfAbandonment(event.abandonmentId);
    res.status(200).json({
      status: row?.inserted ? 'received' : 'already_processed',
      paymentId: event.paymentId,
      abandonmentId: event.abandonmentId,
      ...(conversationId ? { conversationId } : {}),
    });
  });

  return router;
}
