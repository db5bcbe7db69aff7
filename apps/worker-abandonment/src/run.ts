import { recoveryDefaultsFromEnv, templateSettingsFromEnv } from '@sara/domain';
import { OutboundMessageQueue, RecoveryStepQueue } from '@sara/jobs';
import { bootWebhookWorker, RecoveryStepSweeper, startRecoveryStepWorker, startRetentionWorker } from '@sara/runtime';
import { buildAbandonmentHandler, recoverySteps, type RecoveryOptions } from './abandonment.handler.js';
import { loadWorkerEnv } from './env.js';

const env = loadWorkerEnv();
const recovery: RecoveryOptions = {
  templates: templateSettingsFromEnv(env),
  matchWindowMs: env.PAYMENT_MATCH_WINDOW_HOURS * 3_600_000,
  defaults: recoveryDefaultsFromEnv(env),
  erasureHashKey: env.ERASURE_HASH_KEY,
};
await bootWebhookWorker({
  service: 'worker-abandonment',
  job: 'abandonment',
  env,
  buildHandler: buildAbandonmentHandler(recovery),
  // The follow-ups of every recovery this worker started; the sweeper wakes any whose job Redis lost.
  startCompanions: (deps) => {
    const steps = new RecoveryStepQueue(deps.redis, deps.queuePrefix);
    new RecoveryStepSweeper(deps.prisma, steps, deps.logger).start();
    return [
      startRecoveryStepWorker({
        connection: deps.workerConnection,
        prefix: deps.queuePrefix,
        service: recoverySteps(deps, recovery),
        outbound: new OutboundMessageQueue(deps.redis, deps.queuePrefix),
        steps,
        concurrency: env.WORKER_CONCURRENCY,
        logger: deps.logger,
        lockDurationMs: env.WORKER_LOCK_DURATION_MS,
      }),
      // The daily retention purge: every replica consumes the queue, the fixed-id scheduler makes one job a day.
      startRetentionWorker({
        connection: deps.workerConnection,
        redis: deps.redis,
        prefix: deps.queuePrefix,
        prisma: deps.prisma,
        retentionDays: env.RETENTION_DAYS,
        logger: deps.logger,
      }),
    ];
  },
});
