import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { renderMetrics } from './metrics.js';

export type ReadinessCheck = () => Promise<Record<string, 'ok' | 'unavailable'>>;

/**
 * A worker's only HTTP surface: GET /health (the process runs), GET /ready (its Postgres and
 * Redis answer) and GET /metrics (Prometheus). Port 0 takes any free port, so replicas can
 * share a host; the chosen port is returned and logged.
 */
export async function startHealthServer(port: number, checkReadiness: ReadinessCheck): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = (status: number, body: string, contentType = 'application/json') => {
      res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET') return reply(405, JSON.stringify({ error: 'method not allowed' }));
    if (path === '/health') return reply(200, JSON.stringify({ status: 'ok' }));
    if (path === '/ready') {
      void checkReadiness().then((checks) => {
        const ready = Object.values(checks).every((check) => check === 'ok');
        reply(ready ? 200 : 503, JSON.stringify({ status: ready ? 'ready' : 'unavailable', checks }));
      });
      return;
    }
    if (path === '/metrics') {
      void renderMetrics().then(({ contentType, body }) => reply(200, body, contentType));
      return;
    }
    reply(404, JSON.stringify({ error: 'not found' }));
  });
  server.listen(port);
  await once(server, 'listening');
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : port };
}

/** Resolves to 'ok' when the probe answers within the timeout. */
export async function probe(check: () => Promise<unknown>, timeoutMs = 1_500): Promise<'ok' | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return 'ok';
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}
