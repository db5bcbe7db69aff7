import { vi } from 'vitest';

type Handler = (request: { url: URL; init: RequestInit; body: unknown }) => { status: number; body?: unknown };
export type Call = { method: string; path: string; url: URL; headers: Headers; body: unknown; credentials: RequestCredentials | undefined };

/**
 * A fetch that answers like the console's API: routes by method and path, records every call
 * with its headers and JSON body, and fails loudly on a route the test did not expect.
 */
export function installFakeApi() {
  const routes: { method: string; path: string | RegExp; handler: Handler }[] = [];
  const calls: Call[] = [];

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://console.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname, url, headers: new Headers(init.headers), body, credentials: init.credentials });
    const route = [...routes].reverse().find((r) => r.method === method && (typeof r.path === 'string' ? r.path === url.pathname : r.path.test(url.pathname)));
    const answer = route ? route.handler({ url, init, body }) : { status: 404, body: apiError('NOT_FOUND', `no fake for ${method} ${url.pathname}`) };
    await Promise.resolve();
    if (answer.status === 204) return new Response(null, { status: 204 });
    return new Response(JSON.stringify(answer.body ?? null), { status: answer.status, headers: { 'Content-Type': 'application/json' } });
  });
  globalThis.fetch = fetchMock as typeof fetch;

  return {
    calls,
    /** Later routes win, so a test can override the defaults it was given. */
    on(method: string, path: string | RegExp, answer: Handler | { status: number; body?: unknown }) {
      routes.push({ method, path, handler: typeof answer === 'function' ? answer : () => answer });
      return this;
    },
    callsTo(method: string, path: string) {
      return calls.filter((c) => c.method === method && c.path === path);
    },
  };
}

export type FakeApi = ReturnType<typeof installFakeApi>;

export function apiError(code: string, message = code) {
  return { error: { code, message, details: {}, timestamp: new Date().toISOString(), traceId: 'trace-test' } };
}

/** Stands in for the browser's EventSource so a test can push `event: conversation` itself. */
export class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = FakeEventSource.OPEN;

  constructor(readonly url: string) {
    super();
    FakeEventSource.instances.push(this);
  }

  emit(type: string, data: unknown): void {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data) }));
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
}
