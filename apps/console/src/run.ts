import { once } from 'node:events';
import { createPrismaClient, templateSettingsFromEnv } from '@sara/domain';
import { createProducerConnection, OutboundMessageQueue } from '@sara/jobs';
import { createLogger, startErrorTracking, stopOnSignals } from '@sara/observability';
import { createConsoleApp } from './app.js';
import { loadConsoleEnv } from './env.js';
import type { ChangeFeed } from './live/change-feed.js';

const env = loadConsoleEnv();
startErrorTracking('console');
const logger = createLogger({ service: 'console', level: env.LOG_LEVEL });

const prisma = createPrismaClient({ databaseUrl: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX, connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS });
const redis = createProducerConnection(env.REDIS_URL);
redis.on('error', (error) => logger.warn({ err: { message: error.message } }, 'redis connection error'));
const outbound = new OutboundMessageQueue(redis, env.QUEUE_PREFIX);

const app = createConsoleApp({ env, prisma, redis, outbound, templates: templateSettingsFromEnv(env), logger });
const server = app.listen(env.CONSOLE_PORT);
await once(server, 'listening');
const address = server.address();
logger.info({ port: typeof address === 'object' && address ? address.port : env.CONSOLE_PORT }, 'console listening');

stopOnSignals({
  logger,
  service: 'console',
  forceAfterMs: 15_000,
  stop: async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Event streams never end on their own: end them so server.close can finish.
    (app.locals.feed as ChangeFeed).close();
    server.closeIdleConnections();
    await closed;
    await (app.locals.flushAudit as () => Promise<void>)();
    await outbound.close();
    redis.disconnect();
    await prisma.$disconnect();
  },
});
