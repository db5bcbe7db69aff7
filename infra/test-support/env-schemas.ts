import { readFileSync } from 'node:fs';
import { parseEnv as parseDotEnv } from 'node:util';
import { join } from 'node:path';
import { zBaseEnv } from '@sara/config';
import { ZConsoleEnv } from '../../apps/console/src/env.js';
import { ZIngressEnv } from '../../apps/ingress/src/env.js';
import { ZAbandonmentWorkerEnv } from '../../apps/worker-abandonment/src/env.js';
import { ZConversationWorkerEnv } from '../../apps/worker-conversation/src/env.js';
import { ZPaymentWorkerEnv } from '../../apps/worker-payment/src/env.js';
import { ROOT } from './repo.js';

export const APPS = ['ingress', 'console', 'worker-abandonment', 'worker-conversation', 'worker-payment'] as const;
export type App = (typeof APPS)[number];
export type Worker = Extract<App, `worker-${string}`>;
export const WORKERS = APPS.filter((app): app is Worker => app.startsWith('worker-'));
/** The apps that answer HTTP on a port of their own; a worker's only HTTP is its health server. */
export const HTTP_APPS = ['ingress', 'console'] as const satisfies readonly App[];
/**
 * The apps Prometheus scrapes (infra/prometheus, the k8s annotations, the metric catalog's
 * services). Not the console: it serves a few operators, and no dashboard panel or alert reads it.
 */
export const SCRAPED_APPS = ['ingress', ...WORKERS] as const;

/** The variable naming the port an app serves /health on (and /metrics, where it serves it). */
export function portVariable(app: App): 'PORT' | 'CONSOLE_PORT' | 'METRICS_PORT' {
  if (app === 'ingress') return 'PORT';
  return app === 'console' ? 'CONSOLE_PORT' : 'METRICS_PORT';
}

/** The part of a zod object schema these tests use (zod itself is not a root dependency). */
type ParseResult = { success: true; data: unknown } | { success: false; error: { issues: unknown[] } };
type EnvField = { safeParse(value: unknown): ParseResult; parse(value: unknown): unknown };
export type EnvSchema = { shape: Record<string, EnvField>; safeParse(value: unknown): ParseResult };

export const APP_ENV_SCHEMAS: Record<App, EnvSchema> = {
  ingress: ZIngressEnv,
  console: ZConsoleEnv,
  'worker-abandonment': ZAbandonmentWorkerEnv,
  'worker-conversation': ZConversationWorkerEnv,
  'worker-payment': ZPaymentWorkerEnv,
};

/** What packages/domain/src/migrate/cli.ts parses. */
export const MIGRATE_ENV_SCHEMA: EnvSchema = zBaseEnv.pick({ DATABASE_URL: true });

/**
 * Variables read straight from process.env rather than through a schema: the OpenTelemetry
 * SDK's OTEL_* and Sentry's SENTRY_* (packages/observability), and Node's own NODE_OPTIONS.
 */
export const PASSTHROUGH_ENV = /^(?:OTEL_[A-Z0-9_]+|SENTRY_[A-Z0-9_]+|NODE_OPTIONS)$/;

export function envNames(schema: EnvSchema): string[] {
  return Object.keys(schema.shape);
}

export function allSchemaEnvNames(): Set<string> {
  return new Set([...Object.values(APP_ENV_SCHEMAS), MIGRATE_ENV_SCHEMA].flatMap(envNames));
}

/** The value a schema gives a variable that is not set, or undefined when it has none. */
export function schemaDefault(schema: EnvSchema, name: string): unknown {
  const result = schema.shape[name]?.safeParse(undefined);
  return result?.success ? result.data : undefined;
}

export function parseWithSchema(schema: EnvSchema, name: string, value: string): unknown {
  const field = schema.shape[name];
  if (!field) throw new Error(`${name} is not in the schema`);
  return field.parse(value);
}

export function readEnvExample(): Record<string, string> {
  const values = parseDotEnv(readFileSync(join(ROOT, '.env.example'), 'utf8'));
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value ?? '']));
}
