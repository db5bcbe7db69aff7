import { templateSettingsFromEnv } from '@sara/domain';
import { bootWebhookWorker } from '@sara/runtime';
import { loadWorkerEnv } from './env.js';
import { buildPaymentHandler } from './payment.handler.js';

const env = loadWorkerEnv();
await bootWebhookWorker({
  service: 'worker-payment',
  job: 'payment',
  env,
  buildHandler: buildPaymentHandler(templateSettingsFromEnv(env), { matchWindowMs: env.PAYMENT_MATCH_WINDOW_HOURS * 3_600_000 }),
});
