import { bootWebhookWorker, templateSettingsFromEnv } from '@sara/domain';
import { QUEUES, ZPaymentJob } from '@sara/jobs';
import { loadWorkerEnv } from './env.js';
import { buildPaymentHandler } from './payment.handler.js';

const env = loadWorkerEnv();
await bootWebhookWorker({
  service: 'worker-payment',
  queue: QUEUES.payment,
  schema: ZPaymentJob,
  env,
  buildHandler: buildPaymentHandler(templateSettingsFromEnv(env), { matchWindowMs: env.PAYMENT_MATCH_WINDOW_HOURS * 3_600_000 }),
});
