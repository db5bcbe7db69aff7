import { templateSettingsFromEnv } from '@sara/domain';
import { bootWebhookWorker } from '@sara/runtime';
import { buildAbandonmentHandler } from './abandonment.handler.js';
import { loadWorkerEnv } from './env.js';

const env = loadWorkerEnv();
await bootWebhookWorker({
  service: 'worker-abandonment',
  job: 'abandonment',
  env,
  buildHandler: buildAbandonmentHandler(templateSettingsFromEnv(env), { matchWindowMs: env.PAYMENT_MATCH_WINDOW_HOURS * 3_600_000 }),
});
