import {
  AppError,
  AuditRepository,
  ConversationRepository,
  PaymentRepository,
  PaymentService,
  ProductOfferCatalog,
  replySettingsFromEnv,
  RecoveryReport,
  RecoverySettingsStore,
  SequenceCatalog,
  WebhookLogRepository,
  type PrismaClient,
  type RecoverySettingsView,
  type TemplateSettings,
} from '@sara/domain';
import { zPaymentMatchingEnv, zReplyEnv } from '@sara/config';
import { OutboundMessageQueue, QueueInspector, RecoveryStepQueue, type WebhookJobProducer } from '@sara/jobs';
import type { Logger } from '@sara/observability';
import { deleteSandboxMessagesTo } from '@sara/whatsapp';
import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { IngressEnv } from './env.js';
import { securityHeaders } from './http/security-headers.js';
import { createErrorHandler, exposeRequestId, requestContext } from '@sara/http';
import { redactPath, countRejectedWebhook } from './http/ingress-logging.js';
import { adminRoutes, requireAdmin } from './routes/admin.routes.js';
import { auditTrail } from './http/audit-trail.js';
import { auditAdminRoutes, buyersAdminRoutes, offersAdminRoutes, paymentsAdminRoutes, recoveryAdminRoutes, reportAdminRoutes } from '@sara/admin-api';
import { jobsAdminRoutes } from './routes/jobs-admin.routes.js';
import { httpMetrics, metricsEndpoint } from './http/http-metrics.js';
import { checkoutWebhookRoutes } from './routes/checkout-webhooks.routes.js';
import { normalizePhone, zGatewaysEnv, type GatewaysEnv } from '@sara/gateways';
import { gatewayWebhookRoutes } from './routes/gateway-webhooks.routes.js';
import { healthRoutes } from '@sara/http';
import { whatsappWebhookRoutes } from './routes/whatsapp-webhook.routes.js';
import { WebhookIntake } from './webhooks/webhook-intake.js';

export type IngressDeps = {
  env: Pick<
    IngressEnv,
    'PAYMENT_WEBHOOK_SECRET' | 'WHATSAPP_APP_SECRET' | 'WHATSAPP_VERIFY_TOKEN' | 'ADMIN_API_KEY' | 'ERASURE_HASH_KEY' | 'WEBHOOK_BODY_LIMIT' | 'QUEUE_PREFIX'
  > &
    // Whatever the registered platforms declare; one left out is off, a setting left out takes its default.
    Partial<GatewaysEnv> &
    // Unset leaves /metrics open (a private port only).
    Partial<Pick<IngressEnv, 'METRICS_TOKEN'>> &
    // Left out, the schema's defaults.
    Partial<Pick<IngressEnv, 'PAYMENT_MATCH_WINDOW_HOURS' | 'AI_REPLY_MAX_CHARS' | 'DISCOUNT_MIN_CART_VALUE' | 'DISCOUNT_MAX_OFFERS'>>;
  prisma: PrismaClient;
  /** The producer's connection, probed by /ready. */
  redis: Redis;
  producer: WebhookJobProducer;
  logger: Logger;
  /** The templates sequences are named after, and the installation's recovery defaults. */
  recovery: { templates: TemplateSettings; defaults: RecoverySettingsView };
};

export function createApp(deps: IngressDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('etag', false);
  app.use(securityHeaders);

  const webhookLog = new WebhookLogRepository(deps.prisma);
  const { recovery } = deps;
  const sequences = new SequenceCatalog(deps.prisma, recovery.templates);
  const intake = new WebhookIntake(webhookLog, deps.producer, deps.logger);
  app.locals.flushIntake = () => intake.flush();

  app.use(requestContext(deps.logger, redactPath), exposeRequestId, httpMetrics);
  app.get('/metrics', metricsEndpoint(deps.env.METRICS_TOKEN));
  app.use(healthRoutes({ prisma: deps.prisma, redis: deps.redis }));
  app.use(
    checkoutWebhookRoutes({
      intake,
      webhookLog,
      secret: deps.env.PAYMENT_WEBHOOK_SECRET,
      bodyLimit: deps.env.WEBHOOK_BODY_LIMIT,
    }),
  );
  // Parsed again so an app built without loadIngressEnv (tests) gets the platforms' defaults too; a parsed env parses to itself.
  app.use(gatewayWebhookRoutes({ intake, env: zGatewaysEnv.parse(deps.env), bodyLimit: deps.env.WEBHOOK_BODY_LIMIT }));
  app.use(
    whatsappWebhookRoutes({
      intake,
      appSecret: deps.env.WHATSAPP_APP_SECRET,
      verifyToken: deps.env.WHATSAPP_VERIFY_TOKEN,
      bodyLimit: deps.env.WEBHOOK_BODY_LIMIT,
    }),
  );
  // One audit row per admin request, written once it is answered (401s and failures included).
  const audit = new AuditRepository(deps.prisma);
  const trail = auditTrail({ audit, apiKey: deps.env.ADMIN_API_KEY, logger: deps.logger });
  app.locals.flushAudit = () => trail.flush();
  app.use(['/admin', '/conversations', '/sandbox'], trail);
  app.use(
    adminRoutes({
      conversations: new ConversationRepository(deps.prisma, sequences),
      apiKey: deps.env.ADMIN_API_KEY,
      redis: deps.redis,
      queuePrefix: deps.env.QUEUE_PREFIX,
    }),
  );
  app.use('/admin', requireAdmin(deps.env.ADMIN_API_KEY), jobsAdminRoutes(new QueueInspector(deps.redis, deps.env.QUEUE_PREFIX)));
  const offers = new ProductOfferCatalog(deps.prisma);
  const { PAYMENT_MATCH_WINDOW_HOURS } = zPaymentMatchingEnv.parse(deps.env);
  app.use(
    '/admin',
    requireAdmin(deps.env.ADMIN_API_KEY),
    paymentsAdminRoutes({
      prisma: deps.prisma,
      payments: new PaymentRepository(deps.prisma),
      settlement: new PaymentService(deps.prisma, offers, recovery.templates, { matchWindowMs: PAYMENT_MATCH_WINDOW_HOURS * 3_600_000 }),
      outbound: new OutboundMessageQueue(deps.redis, deps.env.QUEUE_PREFIX),
      logger: deps.logger,
    }),
  );
  app.use(
    '/admin',
    requireAdmin(deps.env.ADMIN_API_KEY),
    offersAdminRoutes({ catalog: offers, prisma: deps.prisma, reply: replySettingsFromEnv(zReplyEnv.parse(deps.env)) }),
  );
  app.use(
    '/admin',
    requireAdmin(deps.env.ADMIN_API_KEY),
    recoveryAdminRoutes({
      sequences,
      settings: new RecoverySettingsStore(deps.prisma, recovery.defaults),
      replan: { prisma: deps.prisma, steps: new RecoveryStepQueue(deps.redis, deps.env.QUEUE_PREFIX) },
    }),
  );
  app.use(
    '/admin',
    requireAdmin(deps.env.ADMIN_API_KEY),
    reportAdminRoutes({ report: new RecoveryReport(deps.prisma), prisma: deps.prisma, settings: new RecoverySettingsStore(deps.prisma, recovery.defaults) }),
  );
  app.use('/admin', requireAdmin(deps.env.ADMIN_API_KEY), auditAdminRoutes(audit));
  app.use(
    '/admin',
    requireAdmin(deps.env.ADMIN_API_KEY),
    buyersAdminRoutes({
      prisma: deps.prisma,
      redis: deps.redis,
      queuePrefix: deps.env.QUEUE_PREFIX,
      erasureHashKey: deps.env.ERASURE_HASH_KEY,
      logger: deps.logger,
      readPhone: (raw) => {
        const phone = normalizePhone(raw);
        return phone.ok ? phone.e164 : null;
      },
      forgetSandboxMessages: (phone) => deleteSandboxMessagesTo(deps.redis, deps.env.QUEUE_PREFIX, phone),
    }),
  );
  app.use((req, _res, next) => {
    next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}`, { status: 404 }));
  });
  app.use(createErrorHandler({ onError: countRejectedWebhook }));
  return app;
}
