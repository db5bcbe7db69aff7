import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { abandonmentBody, sign } from '../../apps/ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { AppProcess } from '../support/app-process.js';
import { readBody } from '../support/fake-http.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../test-env.js';
import { waitFor } from '../support/wait-for.js';

type ExportedSpan = { service: string; traceId: string; spanId: string; parentSpanId: string; name: string; attributes: Record<string, string> };

/** An OTLP/HTTP JSON receiver: what a collector would get from each Sara process. */
async function startCollector(): Promise<{ server: Server; url: string; spans: ExportedSpan[] }> {
  const spans: ExportedSpan[] = [];
  const record = async (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.parse(await readBody(req)) as { resourceSpans?: any[] };
    for (const resource of body.resourceSpans ?? []) {
      const service = resource.resource?.attributes?.find((attribute: any) => attribute.key === 'service.name')?.value?.stringValue ?? '?';
      for (const scope of resource.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          const attributes = Object.fromEntries(
            (span.attributes ?? []).map((attribute: any) => [attribute.key, String(Object.values(attribute.value ?? {})[0])]),
          );
          spans.push({ service, traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId ?? '', name: span.name, attributes });
        }
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  };
  const server = createServer((req, res) => {
    record(req, res).catch(() => res.writeHead(400).end());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${address.port}`, spans };
}

const processes: AppProcess[] = [];
let collector: Awaited<ReturnType<typeof startCollector>> | undefined;
afterEach(async () => {
  await Promise.all(processes.splice(0).map((child) => child.stop()));
  collector?.server.close();
});

describe('OpenTelemetry', () => {
  it('follows one webhook as one trace across the ingress process and a worker process', async () => {
    collector = await startCollector();
    const prefix = `sara-test-${randomUUID().slice(0, 8)}`;
    const common = {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    const ingress = new AppProcess('ingress', { ...common, ...TEST_SECRETS, PORT: '0', OUTBOX_RELAY_INTERVAL_MS: '60000' });
    const worker = new AppProcess('worker-abandonment', { ...common, METRICS_PORT: '0' });
    processes.push(ingress, worker);
    const { port } = (await ingress.waitForLog('ingress listening')) as { port: number };
    await worker.waitForLog('worker consuming');

    const raw = JSON.stringify(abandonmentBody());
    const response = await fetch(`http://127.0.0.1:${port}/webhook/abandonment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(TEST_SECRETS.PAYMENT_WEBHOOK_SECRET, raw) },
      body: raw,
    });
    expect(response.status).toBe(200);
    await worker.waitForLog('job processed');

    const spans = collector.spans;
    await waitFor(
      () => {
        const request = spans.find((span) => span.service === 'ingress' && /POST/.test(span.name));
        return Boolean(request && spans.some((span) => span.traceId === request.traceId && span.name === 'abandonment-received process'));
      },
      20_000,
      'the job span in the request trace',
    );

    const request = spans.find((span) => span.service === 'ingress' && /POST/.test(span.name))!;
    const trace = spans.filter((span) => span.traceId === request.traceId);
    const job = trace.find((span) => span.service === 'worker-abandonment' && span.name === 'abandonment-received process');
    expect(job).toBeDefined();
    // The worker's queries are children in the same trace, not traces of their own.
    expect(trace.some((span) => span.service === 'worker-abandonment' && span.parentSpanId === job!.spanId && span.name !== job!.name)).toBe(true);
    expect(new Set(trace.map((span) => span.service))).toEqual(new Set(['ingress', 'worker-abandonment']));
    // Redis (every BullMQ call) is traced in both processes: the door's enqueue and the worker's
    // send job. Only command names are recorded, never the job data with the buyer's phone.
    const redisSpans = trace.filter((span) => span.attributes['db.system'] === 'redis' || span.attributes['db.system.name'] === 'redis');
    expect(new Set(redisSpans.map((span) => span.service))).toEqual(new Set(['ingress', 'worker-abandonment']));
    const phone = String(abandonmentBody().phone);
    expect(spans.filter((span) => Object.values(span.attributes).some((value) => value.includes(phone.slice(1))))).toEqual([]);
  }, 60_000);
});
