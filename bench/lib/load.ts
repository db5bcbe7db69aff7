import { Agent, request } from 'node:http';
import autocannon from 'autocannon';

/** One webhook delivery as the sender saw it; times are epoch ms, comparable with FakeGraphServer's. */
export type Exchange = { status: number; body: string; sentAt: number; acceptedAt: number };

/** POSTs over keep-alive sockets with as little client overhead as node:http allows. */
export class HttpPoster {
  readonly #agent: Agent;
  readonly #url: URL;

  constructor(baseUrl: string, maxSockets = 256) {
    this.#url = new URL(baseUrl);
    this.#agent = new Agent({ keepAlive: true, maxSockets });
  }

  post(path: string, body: string, headers: Record<string, string>, timeoutMs = 30_000): Promise<Exchange> {
    const sentAt = Date.now();
    return new Promise((resolve) => {
      const req = request(
        {
          agent: this.#agent,
          host: this.#url.hostname,
          port: this.#url.port,
          method: 'POST',
          path,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), sentAt, acceptedAt: Date.now() }));
          res.on('error', () => resolve({ status: 0, body: '', sentAt, acceptedAt: Date.now() }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error) => resolve({ status: 0, body: error.message, sentAt, acceptedAt: Date.now() }));
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

/** Requests per second, constant or as a function of the time elapsed (ms) for ramps. */
export type RateShape = number | ((elapsedMs: number) => number);

/**
 * Open loop: requests leave on schedule whatever the server answers, so a slow server shows
 * up as latency and backlog rather than as a politely slower generator. `fire(i)` starts the
 * i-th request; the promise resolves once every answer is in.
 */
export async function runAtRate<T>(options: {
  rate: RateShape;
  durationMs: number;
  fire: (index: number) => Promise<T>;
  onSecond?: (second: number, fired: number) => void;
}): Promise<{ results: T[]; elapsedMs: number; maxTimerLagMs: number }> {
  const shape = options.rate;
  const pending: Promise<T>[] = [];
  const started = performance.now();
  let planned = 0;
  let previous = started;
  let maxTimerLagMs = 0;
  let second = 0;
  for (;;) {
    const now = performance.now();
    const elapsed = now - started;
    if (elapsed >= options.durationMs) break;
    maxTimerLagMs = Math.max(maxTimerLagMs, now - previous);
    planned = typeof shape === 'number' ? (shape * elapsed) / 1_000 : planned + (shape(elapsed) * (now - previous)) / 1_000;
    previous = now;
    while (pending.length < Math.floor(planned)) pending.push(options.fire(pending.length));
    if (options.onSecond && Math.floor(elapsed / 1_000) > second) options.onSecond((second = Math.floor(elapsed / 1_000)), pending.length);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const results = await Promise.all(pending);
  return { results, elapsedMs: performance.now() - started, maxTimerLagMs };
}

export type HammerResult = {
  requestsPerSecond: number;
  latency: { p50: number; p90: number; p99: number; mean: number; max: number };
  completed: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
  statusCodes: Record<string, number>;
};

/**
 * Closed loop at `connections` concurrent keep-alive connections (autocannon): how much the
 * server takes. `build` makes each request anew (fresh ids and signatures).
 */
export async function hammer(options: {
  url: string;
  path: string;
  connections: number;
  durationS: number;
  build: () => { body: string; headers: Record<string, string> };
  onResponse?: (status: number, body: string) => void;
}): Promise<HammerResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: options.path,
        setupRequest: (req) => {
          const { body, headers } = options.build();
          return { ...req, body, headers };
        },
        ...(options.onResponse ? { onResponse: options.onResponse } : {}),
      },
    ],
  });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, Number(stats.count)]));
  return {
    requestsPerSecond: result.requests.average,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, mean: result.latency.average, max: result.latency.max },
    completed: result['2xx'] + result.non2xx,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: result.duration,
    statusCodes,
  };
}
