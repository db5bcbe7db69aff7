import { once } from 'node:events';
import { createPrismaClient, recoveryDefaultsFromEnv, templateSettingsFromEnv, WebhookLogRepository } from '@sara/domain';
import { createProducerConnection, QueueInspector, WebhookJobProducer } from '@sara/jobs';
import { createLogger, initMetrics, metrics, onScrape, startErrorTracking, stopOnSignals } from '@sara/observability';
import { createApp } from './app.js';
import { loadIngressEnv } from './env.js';
import { OutboxRelay } from './webhooks/outbox-relay.js';

const env = loadIngressEnv();
initMetrics('ingress');
startErrorTracking('ingress');
const logger = createLogger({ service: 'ingress', level: env.LOG_LEVEL });

const prisma = createPrismaClient({
  databaseUrl: env.DATABASE_URL,
  poolMax: env.DATABASE_POOL_MAX,
  connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
});
const redis = createProducerConnection(env.REDIS_URL);
redis.on('error', (error) => logger.warn({ err: { message: error.message } }, 'redis connection error'));
const producer = new WebhookJobProducer(redis, env.QUEUE_PREFIX);
const relay = new OutboxRelay(
  { webhookLog: new WebhookLogRepository(prisma), producer, logger },
  { intervalMs: env.OUTBOX_RELAY_INTERVAL_MS, graceMs: 5_000, batchSize: 200 },
);

// Fleet-wide gauges are sampled by the ingress only, so replicas of workers do not multiply them.
const inspector = new QueueInspector(redis, env.QUEUE_PREFIX);
onScrape(async () => {
  for (const { queue, state, count } of await inspector.counts()) metrics.queueJobs.set({ queue, state }, count);
});
onScrape(async () => {
  metrics.activeConversations.set(await prisma.conversation.count({ where: { status: { in: ['awaiting_response', 'active'] } } }));
});

const app = createApp({ env, prisma, redis, producer, logger, recovery: { templates: templateSettingsFromEnv(env), defaults: recoveryDefaultsFromEnv(env) } });
const server = app.listen(env.PORT);
await once(server, 'listening');
relay.start();
const address = server.address();
logger.info({ port: typeof address === 'object' && address ? address.port : env.PORT }, 'ingress listening');

// A request still parked on a dead pool connection must not keep the process alive (seen in
// benchmarks: 'stopped' logged, exit never came): stopOnSignals exits once all is closed.
stopOnSignals({
  logger,
  service: 'ingress',
  forceAfterMs: 15_000,
  stop: async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await (app.locals.flushIntake as () => Promise<void>)();
    await relay.stop();
    await producer.close();
    await inspector.close();
    redis.disconnect();
    await prisma.$disconnect();
  },
});
