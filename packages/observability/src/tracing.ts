import { register } from 'node:module';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';

const tracer = () => trace.getTracer('sara');

/** True when the standard OTEL_* variables name a collector and the SDK is not disabled. */
export function isTracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts OpenTelemetry before the app loads Express, pg or fetch, so their calls become spans.
 * Off unless an OTLP endpoint is configured: without a collector nothing changes. Health,
 * readiness and metrics requests are not traced.
 */
let sdk: NodeSDK | undefined;

export function startTracing(service: string): void {
  if (sdk || !isTracingConfigured()) return;
  // The apps are ES modules: their imports (bullmq's of ioredis among them) bypass require(),
  // so the instrumentations see them only through this loader hook.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME ?? service,
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => /^\/(health|ready|metrics)\b/.test(request.url ?? ''),
      }),
      new PgInstrumentation({ requireParentSpan: true }),
      // Every BullMQ call is an ioredis command (mostly EVALSHA). Only the command name is
      // recorded: arguments carry job data, with phone numbers and message texts.
      new IORedisInstrumentation({ requireParentSpan: true, dbStatementSerializer: (command) => command }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
    ],
  });
  sdk.start();
}

/** Flushes buffered spans; call last on shutdown. */
export async function shutdownTracing(): Promise<void> {
  await sdk?.shutdown().catch(() => {});
  sdk = undefined;
}

/** The active trace context as W3C headers, to carry inside a job. */
export function currentTraceCarrier(): Record<string, string> | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length > 0 ? carrier : undefined;
}

function contextFrom(carrier: Record<string, string> | undefined): Context {
  return carrier ? propagation.extract(context.active(), carrier) : context.active();
}

/**
 * Runs a job inside a span that continues the trace of the request (or job) that enqueued
 * it, so one webhook is one trace from ingress to the last Graph API call.
 */
export async function withJobSpan<T>(
  name: string,
  carrier: Record<string, string> | undefined,
  attributes: Record<string, string | number>,
  run: () => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes }, contextFrom(carrier), async (span) => {
    try {
      return await run();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The current trace id, for log lines and the error format's traceId. */
export function currentTraceId(): string | undefined {
  const id = trace.getActiveSpan()?.spanContext().traceId;
  return id && !/^0+$/.test(id) ? id : undefined;
}
