import { AppError } from '@sara/domain';
import { Router } from 'express';
import { body } from 'express-validator';
import { parseJsonBody, rawBody } from '../http/json-body.js';
import { secretEquals, verifyHubSignature } from '../http/signature.js';
import { validate } from '@sara/http';
import type { WebhookIntake } from '../webhooks/webhook-intake.js';
import { splitWhatsAppBody } from '../webhooks/whatsapp-events.js';

const metaEnvelopeRules = [
  body('object').equals('whatsapp_business_account').withMessage('must be "whatsapp_business_account"'),
  body('entry').isArray({ min: 1 }).withMessage('must be a non-empty array'),
  body('entry.*.changes').isArray().withMessage('must be an array'),
];

export function whatsappWebhookRoutes(deps: { intake: WebhookIntake; appSecret: string; verifyToken: string; bodyLimit: string }): Router {
  const router = Router();

  // Meta's subscription handshake: echo the challenge only to someone who knows the token.
  router.get('/webhook/messages', (req, res) => {
    const mode = req.query['hub.mode'];
    const token = req.query['hub.verify_token'];
    const challenge = req.query['hub.challenge'];
    if (mode !== 'subscribe' || typeof token !== 'string' || !secretEquals(deps.verifyToken, token) || typeof challenge !== 'string') {
      throw new AppError('FORBIDDEN', 'Invalid verify token', { status: 403 });
    }
    res.status(200).type('text/plain').set('X-Content-Type-Options', 'nosniff').send(challenge);
  });

  router.post(
    '/webhook/messages',
    rawBody(deps.bodyLimit),
    verifyHubSignature(deps.appSecret),
    parseJsonBody,
    validate(metaEnvelopeRules),
    async (req, res) => {
      await deps.intake.accept(splitWhatsAppBody(req.body as Record<string, unknown>), res.locals.requestId as string);
      // Meta only needs a fast 200; anything else makes it redeliver.
      res.status(200).end();
    },
  );

  return router;
}
