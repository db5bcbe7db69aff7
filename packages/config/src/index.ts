export { loadDotEnv, parseEnv, ConfigError } from './parse.js';
export { zBaseEnv, zWorkerEnv, zWebhookSecretsEnv, zAdminEnv, zGatewayEnv, zPaymentMatchingEnv, zPort, zBooleanFlag, type BaseEnv } from './fragments.js';
