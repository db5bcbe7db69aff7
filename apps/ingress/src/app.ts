import { AppError, ConversationRepository, PaymentRepository, ProductOfferCatalog, WebhookLogRepository, type PrismaClient } from '@sara/domain';
import { QueueInspector, type WebhookJobProducer } from '@sara/jobs';
import type { Logger } from '@sara/observability';
import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { IngressEnv } from './env.js';
import { errorHandler } from './http/error-response.js';
import { exposeRequestId, requestContext } from './http/request-context.js';
import { adminRoutes, requireAdmin } from './routes/admin.routes.js';
import { jobsAdminRoutes } from './routes/jobs-admin.routes.js';
import { offersAdminRoutes } from './routes/offers-admin.routes.js';
import { paymentsAdminRoutes } from './routes/payments-admin.routes.js';
import { httpMetrics, metricsEndpoint } from './http/http-metrics.js';
import { checkoutWebhookRoutes } from './routes/checkout-webhooks.routes.js';
import { GATEWAYS } from '@sara/gateways';
import { gatewayWebhookRoutes, type GatewayRouteConfig } from './routes/gateway-webhooks.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { whatsappWebhookRoutes } from './routes/whatsapp-webhook.routes.js';
import { WebhookIntake } from './webhooks/webhook-intake.js';

type GatewayEnvKey =
  | 'HOTMART_HOTTOK'
  | 'KIWIFY_WEBHOOK_TOKEN'
  | 'EDUZZ_WEBHOOK_SECRET'
  | 'STRIPE_WEBHOOK_SECRET'
  | 'SHOPIFY_WEBHOOK_SECRET'
  | 'SHOPIFY_ABANDONMENT_DELAY_MINUTES'
  | 'PENDING_PAYMENT_REMINDER_DELAY_MINUTES';

export type IngressDeps = {
  env: Pick<IngressEnv, 'PAYMENT_WEBHOOK_SECRET' | 'WHATSAPP_APP_SECRET' | 'WHATSAPP_VERIFY_TOKEN' | 'ADMIN_API_KEY' | 'WEBHOOK_BODY_LIMIT' | 'QUEUE_PREFIX'> &
    Partial<Pick<IngressEnv, GatewayEnvKey>>;
  prisma: PrismaClient;
  /** The producer's connection, probed by /ready. */
  redis: Redis;
  producer: WebhookJobProducer;
  logger: Logger;
};

export function createApp(deps: IngressDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('etag', false);

  const webhookLog = new WebhookLogRepository(deps.prisma);
  const intake = new WebhookIntake(webhookLog, deps.producer, deps.logger);
  app.locals.flushIntake = () => intake.flush();

  app.use(requestContext(deps.logger), exposeRequestId, httpMetrics);
  app.get('/metrics', metricsEndpoint);
  app.use(healthRoutes({ prisma: deps.prisma, redis: deps.redis }));
  app.use(
    checkoutWebhookRoutes({
      intake,
      webhookLog,
      secret: deps.env.PAYMENT_WEBHOOK_SECRET,
      bodyLimit: deps.env.WEBHOOK_BODY_LIMIT,
    }),
  );
  app.use(gatewayWebhookRoutes({ intake, config: gatewayRouteConfig(deps.env), bodyLimit: deps.env.WEBHOOK_BODY_LIMIT }));
  app.use(
    whatsappWebhookRoutes({
      intake,
      appSecret: deps.env.WHATSAPP_APP_SECRET,
      verifyToken: deps.env.WHATSAPP_VERIFY_TOKEN,
      bodyLimit: deps.env.WEBHOOK_BODY_LIMIT,
    }),
  );
  app.use(
    adminRoutes({
      conversations: new ConversationRepository(deps.prisma),
      apiKey: deps.env.ADMIN_API_KEY,
      redis: deps.redis,
      queuePrefix: deps.env.QUEUE_PREFIX,
    }),
  );
  app.use('/admin', requireAdmin(deps.env.ADMIN_API_KEY), jobsAdminRoutes(new QueueInspector(deps.redis, deps.env.QUEUE_PREFIX)));
  app.use('/admin', requireAdmin(deps.env.ADMIN_API_KEY), paymentsAdminRoutes(new PaymentRepository(deps.prisma)));
  app.use('/admin', requireAdmin(deps.env.ADMIN_API_KEY), offersAdminRoutes(new ProductOfferCatalog(deps.prisma)));
  app.use((req, _res, next) => {
    next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}`, { status: 404 }));
  });
  app.use(errorHandler);
  return app;
}

const MINUTE_MS = 60_000;

function gatewayRouteConfig(env: IngressDeps['env']): GatewayRouteConfig {
  // Each adapter names its own secret variable: a new platform needs no change here.
  const secretOf = (name: string) => (env as Record<string, unknown>)[name];
  return {
    secrets: Object.fromEntries(
      Object.values(GATEWAYS).flatMap((adapter) => {
        const secret = secretOf(adapter.secretEnv);
        return typeof secret === 'string' && secret !== '' ? [[adapter.platform, secret]] : [];
      }),
    ),
    shopifyAbandonDelayMs: (env.SHOPIFY_ABANDONMENT_DELAY_MINUTES ?? 60) * MINUTE_MS,
    pendingPaymentDelayMs: (env.PENDING_PAYMENT_REMINDER_DELAY_MINUTES ?? 30) * MINUTE_MS,
  };
}
