export { loadDotEnv, parseEnv, ConfigError } from './parse.js';
export { zBaseEnv, zWorkerEnv, zWebhookSecretsEnv, zAdminEnv, zPaymentMatchingEnv, zPort, zRecoveryEnv, zReplyEnv, zRetentionEnv } from './fragments.js';
export { DEV_ERASURE_HASH_KEY, refuseDevErasureKeyInProduction, zErasureEnv } from './erasure.js';
