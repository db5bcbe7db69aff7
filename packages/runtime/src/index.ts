export { bootWebhookWorker, type WorkerDeps } from './boot-worker.js';
export { startOutboundWorker } from './outbound-worker.js';
export { OutboundSweeper } from './outbound-sweeper.js';
export { startRecoveryStepWorker } from './recovery-step-worker.js';
export { RecoveryStepSweeper } from './recovery-step-sweeper.js';
export { startRetentionWorker, RETENTION_SCHEDULER_ID } from './retention-worker.js';
