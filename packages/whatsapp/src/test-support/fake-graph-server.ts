import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, parseJson, readBody, sleep } from '../../../../test/support/fake-http.js';

export type GraphFailure = { status: number; code?: number; message?: string; subcode?: number } | 'drop-connection';

export type RecordedGraphRequest = {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  /** When the request arrived (ms since the epoch), to check rate limits. */
  receivedAt: number;
  // Tests assert on arbitrary Graph bodies; `any` keeps those assertions readable.
  body: any;
};

const MESSAGES_PATH = /^\/v23\.0\/[^/]+\/messages$/;

/**
 * The Graph API's `POST /{phone-number-id}/messages` on a real local port, so the real client,
 * fetch and socket handling run in tests. Failures can be scripted per request.
 */
export class FakeGraphServer {
  readonly requests: RecordedGraphRequest[] = [];
  /** Held before every answer, to exercise client timeouts. */
  delayMs: number;
  readonly #server: Server;
  readonly #accessToken: string | undefined;
  #scripted: GraphFailure[] = [];
  #always: GraphFailure | undefined;
  #answered: any[] = [];
  #port: number | undefined;

  /** With `accessToken`, requests without that bearer token get Graph's 401 / code 190. */
  constructor(options: { accessToken?: string; delayMs?: number } = {}) {
    this.#accessToken = options.accessToken;
    this.delayMs = options.delayMs ?? 0;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch(() => res.destroy());
    });
  }

  get url(): string {
    if (this.#port === undefined) throw new Error('FakeGraphServer is not started');
    return `http://127.0.0.1:${this.#port}/v23.0`;
  }

  async start(): Promise<this> {
    this.#port = await listenOnLoopback(this.#server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.#server);
  }

  /** The next `times` requests fail this way, in order, before answers go back to success. */
  failNext(times: number, failure: GraphFailure): void {
    for (let i = 0; i < times; i += 1) this.#scripted.push(failure);
  }

  /** Every request after the scripted ones fails this way, until `reset()`. */
  respondAlways(failure: GraphFailure): void {
    this.#always = failure;
  }

  reset(): void {
    this.requests.length = 0;
    this.#scripted = [];
    this.#always = undefined;
    this.#answered = [];
    this.delayMs = 0;
  }

  /** Bodies of the requests that were answered with a message id. */
  sent(): any[] {
    return [...this.#answered];
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const body = parseJson(raw);
    const authorization = req.headers.authorization;
    this.requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization,
      contentType: req.headers['content-type'],
      receivedAt: Date.now(),
      body,
    });
    if (this.delayMs > 0) await sleep(this.delayMs);
    if (res.destroyed || req.socket.destroyed) return;

    const failure = this.#scripted.shift() ?? this.#always ?? this.#checkRequest(req, authorization, body);
    if (failure === 'drop-connection') {
      req.socket.destroy();
      return;
    }
    if (failure) {
      reply(res, failure.status, graphErrorBody(failure));
      return;
    }
    this.#answered.push(body);
    const { to } = body as { to?: unknown };
    reply(res, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: to, wa_id: to }],
      messages: [{ id: `wamid.${randomBytes(24).toString('base64')}` }],
    });
  }

  /** The rejections Graph itself gives for a malformed call. */
  #checkRequest(req: IncomingMessage, authorization: string | undefined, body: unknown): GraphFailure | undefined {
    if (this.#accessToken !== undefined && authorization !== `Bearer ${this.#accessToken}`) {
      return { status: 401, code: 190, message: 'Invalid OAuth access token - Cannot parse access token' };
    }
    if (req.method !== 'POST' || !MESSAGES_PATH.test(req.url ?? '')) {
      return { status: 400, code: 100, subcode: 33, message: 'Unsupported post request.' };
    }
    if (typeof body !== 'object' || body === null) {
      return { status: 400, code: 100, message: '(#100) Invalid parameter' };
    }
    return undefined;
  }
}

function graphErrorBody(failure: Exclude<GraphFailure, 'drop-connection'>): Record<string, unknown> {
  const error: Record<string, unknown> = {
    message: failure.message ?? '(#1) An unknown error occurred',
    type: 'OAuthException',
    code: failure.code ?? 1,
  };
  if (failure.subcode !== undefined) error.error_subcode = failure.subcode;
  error.fbtrace_id = randomBytes(12).toString('base64url');
  return { error };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
