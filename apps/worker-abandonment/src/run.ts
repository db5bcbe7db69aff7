import { bootWebhookWorker, templateSettingsFromEnv } from '@sara/domain';
import { QUEUES, ZAbandonmentJob } from '@sara/jobs';
import { buildAbandonmentHandler } from './abandonment.handler.js';
import { loadWorkerEnv } from './env.js';

const env = loadWorkerEnv();
await bootWebhookWorker({
  service: 'worker-abandonment',
  queue: QUEUES.abandonment,
  schema: ZAbandonmentJob,
  env,
  buildHandler: buildAbandonmentHandler(templateSettingsFromEnv(env), { matchWindowMs: env.PAYMENT_MATCH_WINDOW_HOURS * 3_600_000 }),
});
