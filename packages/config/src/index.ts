export { loadDotEnv, parseEnv, ConfigError } from './parse.js';
export { zBaseEnv, zWorkerEnv, zWebhookSecretsEnv, zAdminEnv, zPaymentMatchingEnv, zPort } from './fragments.js';
