export { bootWebhookWorker, type WorkerDeps, type WorkerEnv } from './boot-worker.js';
export { startOutboundWorker } from './outbound-worker.js';
export { OutboundSweeper } from './outbound-sweeper.js';
