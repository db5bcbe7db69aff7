export { loadDotEnv, parseEnv, ConfigError } from './parse.js';
export { zBaseEnv, zWorkerEnv, zWebhookSecretsEnv, zAdminEnv, zPaymentMatchingEnv, zPort, zRecoveryEnv, zRetentionEnv } from './fragments.js';
