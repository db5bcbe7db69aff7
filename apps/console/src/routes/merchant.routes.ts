import {
  auditAdminRoutes,
  buyersAdminRoutes,
  offersAdminRoutes,
  paymentsAdminRoutes,
  recoveryAdminRoutes,
  reportAdminRoutes,
  type AuditHook,
} from '@sara/admin-api';
import {
  AuditRepository,
  PaymentRepository,
  PaymentService,
  ProductOfferCatalog,
  RecoveryReport,
  RecoverySettingsStore,
  type PrismaClient,
  type RecoverySettingsView,
  type ReplySettings,
  type SequenceCatalog,
  type TemplateSettings,
} from '@sara/domain';
import { normalizePhone } from '@sara/gateways';
import { RecoveryStepQueue, type OutboundMessageQueue } from '@sara/jobs';
import type { Logger } from '@sara/observability';
import { deleteSandboxMessagesTo } from '@sara/whatsapp';
import { Router, type Request, type RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { requireRole } from '../http/session.js';

export type MerchantRoutesDeps = {
  prisma: PrismaClient;
  redis: Redis;
  queuePrefix: string;
  outbound: OutboundMessageQueue;
  templates: TemplateSettings;
  sequences: SequenceCatalog;
  recoveryDefaults: RecoverySettingsView;
  reply: ReplySettings;
  matchWindowMs: number;
  erasureHashKey: string;
  logger: Logger;
  audited: (action: string, target?: (req: Request) => string | null) => RequestHandler;
};

/** The admin pages' areas; the report (Painel) is the one an agent reads too. */
const ADMIN_AREAS = ['/api/offers', '/api/sequences', '/api/settings', '/api/payments', '/api/buyers', '/api/audit'];

/**
 * The merchant pages' API: the admin API's own routers (@sara/admin-api) at /api, behind the
 * session (already checked by the app: 401, then the CSRF token of a mutation) and the role.
 * Every mutation leaves a `console.<area>.<verb>` row on the operator audit trail.
 */
export function merchantRoutes(deps: MerchantRoutesDeps): Router {
  const router = Router();
  const audit: AuditHook = (action, target) => deps.audited(action, target);
  const offers = new ProductOfferCatalog(deps.prisma);
  const settings = new RecoverySettingsStore(deps.prisma, deps.recoveryDefaults);

  router.use('/api/report', requireRole('admin', 'agent'));
  router.use(ADMIN_AREAS, requireRole('admin'));
  router.use('/api', reportAdminRoutes({ report: new RecoveryReport(deps.prisma), prisma: deps.prisma, settings }));
  router.use('/api', offersAdminRoutes({ catalog: offers, prisma: deps.prisma, reply: deps.reply, audit }));
  router.use(
    '/api',
    recoveryAdminRoutes({
      sequences: deps.sequences,
      settings,
      replan: { prisma: deps.prisma, steps: new RecoveryStepQueue(deps.redis, deps.queuePrefix) },
      audit,
    }),
  );
  router.use(
    '/api',
    paymentsAdminRoutes({
      prisma: deps.prisma,
      payments: new PaymentRepository(deps.prisma),
      settlement: new PaymentService(deps.prisma, offers, deps.templates, { matchWindowMs: deps.matchWindowMs }),
      outbound: deps.outbound,
      logger: deps.logger,
      audit,
    }),
  );
  router.use(
    '/api',
    buyersAdminRoutes({
      prisma: deps.prisma,
      redis: deps.redis,
      queuePrefix: deps.queuePrefix,
      erasureHashKey: deps.erasureHashKey,
      logger: deps.logger,
      readPhone: (raw) => {
        const phone = normalizePhone(raw);
        return phone.ok ? phone.e164 : null;
      },
      forgetSandboxMessages: (phone) => deleteSandboxMessagesTo(deps.redis, deps.queuePrefix, phone),
      audit,
    }),
  );
  router.use('/api', auditAdminRoutes(new AuditRepository(deps.prisma)));
  return router;
}
