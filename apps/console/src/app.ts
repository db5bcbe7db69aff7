import { fileURLToPath } from 'node:url';
import { zErasureEnv, zPaymentMatchingEnv, zRecoveryEnv, zReplyEnv } from '@sara/config';
import {
  AppError,
  AuditRepository,
  ConversationDesk,
  OperatorAccounts,
  OperatorSessions,
  ProductOfferCatalog,
  recoveryDefaultsFromEnv,
  replySettingsFromEnv,
  SequenceCatalog,
  TemplateChoices,
  type PrismaClient,
  type TemplateSettings,
} from '@sara/domain';
import { createErrorHandler, exposeRequestId, healthRoutes, requestContext } from '@sara/http';
import type { OutboundMessageQueue } from '@sara/jobs';
import type { Logger } from '@sara/observability';
import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { ConsoleEnv } from './env.js';
import { operatorAudit } from './http/operator-audit.js';
import { securityHeaders } from './http/security-headers.js';
import { loadSession, requireSession, sessionCookie } from './http/session.js';
import { staticPage } from './http/static-page.js';
import { ChangeFeed } from './live/change-feed.js';
import { redactPath } from './http/console-logging.js';
import { conversationRoutes } from './routes/conversations.routes.js';
import { merchantRoutes } from './routes/merchant.routes.js';
import { eventsRoutes } from './routes/events.routes.js';
import { logoutRoute, sessionRoutes } from './routes/session.routes.js';
import { operatorsRoutes } from './routes/operators.routes.js';

export type ConsoleDeps = {
  env: Pick<ConsoleEnv, 'NODE_ENV' | 'CONSOLE_SESSION_SECRET' | 'CONSOLE_SESSION_IDLE_MINUTES' | 'CONSOLE_LOGIN_ATTEMPTS_PER_MINUTE'> &
    // Left out (tests), the schema's defaults; QUEUE_PREFIX then is the outbound queue's.
    Partial<Pick<ConsoleEnv, 'CONSOLE_TRUST_PROXY' | 'QUEUE_PREFIX' | MerchantEnvName>>;
  prisma: PrismaClient;
  redis: Redis;
  outbound: OutboundMessageQueue;
  templates: TemplateSettings;
  logger: Logger;
  /** The built page; defaults to this package's web/dist. */
  webRoot?: string;
  feed?: ChangeFeed;
};

type MerchantEnvName = keyof typeof ZMerchantEnv.shape;

/** What the merchant pages read, beyond the console's own: each app parses it with its defaults. */
const ZMerchantEnv = zErasureEnv.extend(zRecoveryEnv.shape).extend(zPaymentMatchingEnv.shape).extend(zReplyEnv.shape);

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../web/dist', import.meta.url));
const SESSION_MAX_AGE_MS = 7 * 24 * 3_600_000;

export function createConsoleApp(deps: ConsoleDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // A hop count, never `true`: believing every X-Forwarded-For would let a client pick its own address.
  app.set('trust proxy', deps.env.CONSOLE_TRUST_PROXY ?? 0);
  app.set('etag', false);
  app.use(securityHeaders);
  app.use(requestContext(deps.logger, redactPath), exposeRequestId);
  app.use(healthRoutes({ prisma: deps.prisma, redis: deps.redis }));

  const cookie = sessionCookie(deps.env.NODE_ENV === 'production');
  const sessions = new OperatorSessions(deps.prisma, {
    secret: deps.env.CONSOLE_SESSION_SECRET,
    idleMs: deps.env.CONSOLE_SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: SESSION_MAX_AGE_MS,
  });
  const { audited, flush } = operatorAudit(new AuditRepository(deps.prisma), deps.logger);
  app.locals.flushAudit = flush;
  const feed = deps.feed ?? new ChangeFeed(deps.prisma, deps.logger);
  app.locals.feed = feed;
  const sequences = new SequenceCatalog(deps.prisma, deps.templates);
  const templates = new TemplateChoices(deps.prisma, { templates: deps.templates, sequences, offers: new ProductOfferCatalog(deps.prisma) });
  const desk = new ConversationDesk(deps.prisma, { language: deps.templates.language, allowed: (id) => templates.forConversation(id) });

  // An offer's FAQ may be a few hundred kB: its router reads it, once the session and role are checked.
  const smallJson = express.json({ limit: '64kb' });
  app.use(
    '/api',
    (req, res, next) => (req.path === '/offers' || req.path.startsWith('/offers/') ? next() : smallJson(req, res, next)),
    loadSession(sessions, cookie),
  );
  app.use(
    sessionRoutes({ accounts: new OperatorAccounts(deps.prisma), sessions, cookie, attemptsPerMinute: deps.env.CONSOLE_LOGIN_ATTEMPTS_PER_MINUTE, audited }),
  );
  app.use('/api', requireSession);
  app.use(logoutRoute({ sessions, cookie, audited }));
  app.use(eventsRoutes({ feed, sessions, cookie }));
  app.use(operatorsRoutes(new OperatorAccounts(deps.prisma)));
  app.use(conversationRoutes({ prisma: deps.prisma, desk, templates, outbound: deps.outbound, logger: deps.logger, audited }));
  const merchant = ZMerchantEnv.parse(deps.env);
  app.use(
    merchantRoutes({
      prisma: deps.prisma,
      redis: deps.redis,
      queuePrefix: deps.env.QUEUE_PREFIX ?? deps.outbound.queue.opts.prefix ?? 'sara',
      outbound: deps.outbound,
      templates: deps.templates,
      sequences,
      recoveryDefaults: recoveryDefaultsFromEnv(merchant),
      reply: replySettingsFromEnv(merchant),
      matchWindowMs: merchant.PAYMENT_MATCH_WINDOW_HOURS * 3_600_000,
      erasureHashKey: merchant.ERASURE_HASH_KEY,
      logger: deps.logger,
      audited,
    }),
  );
  app.use('/api', (req, _res, next) => {
    next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}`, { status: 404 }));
  });
  app.use(staticPage(deps.webRoot ?? DEFAULT_WEB_ROOT));
  app.use(createErrorHandler());
  return app;
}
