export { loadDotEnv, parseEnv, ConfigError } from './parse.js';
export {
  zBaseEnv,
  zWorkerEnv,
  zWebhookSecretsEnv,
  zAdminEnv,
  zPort,
  zBooleanFlag,
  type BaseEnv,
} from './fragments.js';
