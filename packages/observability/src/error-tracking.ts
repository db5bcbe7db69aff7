import * as Sentry from '@sentry/node';

let enabled = false;

/** Sentry when SENTRY_DSN is set; otherwise every call here is a no-op. */
export function startErrorTracking(service: string, env: NodeJS.ProcessEnv = process.env): void {
  if (!env.SENTRY_DSN) return;
  Sentry.init({
    dsn: env.SENTRY_DSN,
    environment: env.SENTRY_ENVIRONMENT || env.NODE_ENV || 'development',
    serverName: service,
    // Tracing is OpenTelemetry's job here; Sentry only receives errors.
    tracesSampleRate: 0,
    skipOpenTelemetrySetup: true,
    sendDefaultPii: false,
  });
  enabled = true;
}

/** Reports an unexpected failure; `context` must hold ids only, never payloads or phones. */
export function reportError(error: unknown, context: Record<string, string | number | undefined> = {}): void {
  if (!enabled) return;
  Sentry.withScope((scope) => {
    for (const [key, value] of Object.entries(context)) if (value !== undefined) scope.setTag(key, String(value));
    Sentry.captureException(error);
  });
}

export async function flushErrorTracking(): Promise<void> {
  if (enabled) await Sentry.flush(2_000);
}
