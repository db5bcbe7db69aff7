import { pino, type Logger, type LoggerOptions } from 'pino';
import { currentTraceId } from './tracing.js';

export type { Logger };

/**
 * Field names that may carry a secret, a message text or a full phone number. pino removes
 * them wherever they appear, so a careless `log.info({ body })` cannot leak them.
 */
const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers["x-hub-signature-256"]',
  'req.headers.cookie',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'phone',
  '*.phone',
  'phoneNumber',
  '*.phoneNumber',
  'text',
  '*.text',
  'messageText',
  '*.messageText',
  'body',
  '*.body',
  'payload',
  '*.payload',
];

export function createLogger(options: { service: string; level?: string } & LoggerOptions): Logger {
  const { service, level, ...rest } = options;
  return pino({
    level: level ?? 'info',
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Every line logged inside a traced request or job carries its trace id.
    mixin: () => {
      const traceId = currentTraceId();
      return traceId ? { traceId } : {};
    },
    ...rest,
  });
}
