import { randomUUID } from 'node:crypto';
import { AppError, type Prisma } from '@sara/domain';
import { gatewayFor, secretOf, understand, type GatewayAdapter, type GatewayRequest, type GatewaysEnv } from '@sara/gateways';
import { metrics } from '@sara/observability';
import { Router, type RequestHandler } from 'express';
import { parseJsonBody, rawBody } from '../http/json-body.js';
import type { WebhookIntake } from '../webhooks/webhook-intake.js';

type Located = { adapter: GatewayAdapter; secret: string };

/**
 * POST /webhook/gateways/{platform}: a checkout platform's own webhook, as it sends it. The
 * platform's scheme is checked on the raw bytes, the event is read by the platform's adapter,
 * and the body is stored as received beside what Sara understood. Abandonments and payments go
 * to the same queues as Sara's own webhooks; anything else is stored and answered, not queued.
 * `env` is the platforms' parsed variables: a platform without its secret has no route (404),
 * and each adapter reads its own settings from it.
 */
export function gatewayWebhookRoutes(deps: { intake: WebhookIntake; env: GatewaysEnv; bodyLimit: string }): Router {
  const router = Router();

  const locate: RequestHandler = (req, res, next) => {
    const platform = String(req.params.platform);
    const adapter = gatewayFor(platform);
    const secret = adapter ? secretOf(adapter, deps.env) : undefined;
    if (!adapter || !secret) {
      next(new AppError('NOT_FOUND', `No checkout platform "${platform.slice(0, 40)}" is configured`, { status: 404 }));
      return;
    }
    res.locals.gateway = { adapter, secret } satisfies Located;
    next();
  };

  const verify: RequestHandler = (req, res, next) => {
    const { adapter, secret } = res.locals.gateway as Located;
    const failure = adapter.verify(gatewayRequest(req), secret);
    if (failure) {
      metrics.webhooksReceived.inc({ type: adapter.platform, outcome: 'rejected' });
      next(
        new AppError('HMAC_VERIFICATION_FAILED', `Invalid or missing ${adapter.platform} signature (${failure.where})`, {
          status: 403,
          details: { platform: adapter.platform, [failure.where.startsWith('?') ? 'parameter' : 'header']: failure.where, reason: failure.reason },
        }),
      );
      return;
    }
    next();
  };

  router.post('/webhook/gateways/:platform', locate, rawBody(deps.bodyLimit), verify, parseJsonBody, async (req, res) => {
    const { adapter } = res.locals.gateway as Located;
    const request = { ...gatewayRequest(req), rawBody: res.locals.rawBody as Buffer };
    const understood = understand(adapter, req.body, request, { now: new Date(), env: deps.env });
    const { mapping } = understood;
    const requestId = res.locals.requestId as string;
    const base = { platform: adapter.platform, event: understood.name ?? null };
    const stored = { payload: req.body as Prisma.InputJsonValue, source: adapter.platform };

    if (mapping.type === 'abandonment' || mapping.type === 'payment') {
      const [row] = await deps.intake.accept(
        [
          {
            webhookType: mapping.type,
            externalId: understood.deliveryKey,
            ...stored,
            event: mapping.event as Prisma.InputJsonValue,
            subject: mapping.type === 'abandonment' ? mapping.event.abandonmentId : mapping.event.paymentId,
            ...(mapping.type === 'abandonment' ? { conversationId: randomUUID() } : {}),
          },
        ],
        requestId,
      );
      const status = row?.inserted ? 'received' : 'already_processed';
      res
        .status(200)
        .json(
          mapping.type === 'abandonment'
            ? { status, ...base, type: 'abandonment', abandonmentId: mapping.event.abandonmentId, conversationId: row?.conversationId }
            : { status, ...base, type: 'payment', paymentId: mapping.event.paymentId },
        );
      return;
    }

    if (mapping.type === 'checkout_completed') {
      // Keyed by the checkout, so the abandonment worker finds it when that checkout's delay ends.
      await deps.intake.keep({ webhookType: 'checkout_completed', externalId: mapping.checkoutKey, ...stored, reason: 'checkout completed' }, requestId);
      res.status(200).json({ status: 'received', ...base, type: 'checkout_completed', abandonmentId: mapping.checkoutKey });
      return;
    }

    const reason = mapping.type === 'ignored' ? mapping.reason : `${mapping.field} ${mapping.reason}`;
    await deps.intake.keep({ webhookType: mapping.type, externalId: understood.deliveryKey, ...stored, reason: `${mapping.type}: ${reason}` }, requestId);
    metrics.webhooksReceived.inc({ type: adapter.platform, outcome: mapping.type });
    if (mapping.type === 'ignored') {
      res.status(200).json({ status: 'ignored', ...base, reason });
      return;
    }
    throw new AppError('VALIDATION_ERROR', `The ${adapter.platform} event cannot be used: ${reason}`, {
      status: 422,
      details: { ...base, field: mapping.field, reason: mapping.reason },
    });
  });

  return router;
}

function gatewayRequest(req: Parameters<RequestHandler>[0]): GatewayRequest {
  return { rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), headers: req.headers, query: req.query as Record<string, unknown> };
}
