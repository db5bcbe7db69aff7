import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, parseJson, readBody, sleep } from '../../../../test/support/fake-http.js';

/** The model's structured output; prompts before v3 had no faq_entry or needs_team, so both may be left out. */
export type FakeDecision = { intent: string; sentiment: string; wants_discount: boolean; reply: string; faq_entry?: number | null; needs_team?: boolean };
// Tests assert on arbitrary request bodies; `any` keeps those assertions readable.
export type FakeAnswer = FakeDecision | ((body: any) => FakeDecision);
export type OpenAiFailure = { status: number; message?: string; type?: string; code?: string } | 'drop-connection';
export type RecordedOpenAiRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: any };

const DEFAULT_DECISION: FakeDecision = {
  intent: 'question',
  sentiment: 'neutral',
  wants_discount: false,
  reply: 'Claro! Posso te ajudar com isso.',
};

/** OpenAI's error `type`/`code` for the statuses tests script, as the real API sends them. */
const ERROR_SHAPES: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  404: { type: 'invalid_request_error', code: 'unknown_url', message: 'Unknown request URL.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request.' },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded.' },
};

/**
 * OpenAI's `POST /v1/chat/completions` on a real local port, so the real SDK, fetch and sockets
 * run in tests. The answer's `content` is the JSON string a structured-output call returns.
 */
export class FakeOpenAiServer {
  readonly requests: RecordedOpenAiRequest[] = [];
  /** Held before the response headers, to exercise the client's timeout. */
  delayMs = 0;
  /** Held after the headers and half the body, to exercise a response that trickles in. */
  stallBodyMs = 0;
  readonly #server: Server;
  readonly #apiKey: string | undefined;
  #answer: FakeAnswer = DEFAULT_DECISION;
  #raw: string | undefined;
  #scripted: OpenAiFailure[] = [];
  #port: number | undefined;

  /** With `apiKey`, requests without that bearer token get OpenAI's 401 invalid_api_key. */
  constructor(options: { apiKey?: string } = {}) {
    this.#apiKey = options.apiKey;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch(() => res.destroy());
    });
  }

  get baseUrl(): string {
    if (this.#port === undefined) throw new Error('FakeOpenAiServer is not started');
    return `http://127.0.0.1:${this.#port}/v1`;
  }

  async start(): Promise<this> {
    this.#port = await listenOnLoopback(this.#server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.#server);
  }

  /** What the model "decides" from now on; a function sees the request body. */
  replyWith(answer: FakeAnswer): void {
    this.#answer = answer;
    this.#raw = undefined;
  }

  /** Sends `content` verbatim as the assistant message from now on, e.g. broken JSON. */
  replyRaw(content: string): void {
    this.#raw = content;
  }

  /** The next `times` requests fail this way, in order, before answers go back to normal. */
  failNext(times: number, failure: OpenAiFailure): void {
    for (let i = 0; i < times; i += 1) this.#scripted.push(failure);
  }

  reset(): void {
    this.requests.length = 0;
    this.#answer = DEFAULT_DECISION;
    this.#raw = undefined;
    this.#scripted = [];
    this.delayMs = 0;
    this.stallBodyMs = 0;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const body = parseJson(raw);
    this.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
    if (this.delayMs > 0) await sleep(this.delayMs);
    if (res.destroyed || req.socket.destroyed) return;

    const failure = this.#scripted.shift() ?? this.#checkRequest(req, body);
    if (failure === 'drop-connection') {
      req.socket.destroy();
      return;
    }
    if (failure) {
      await send(res, failure.status, openAiErrorBody(failure), 0);
      return;
    }
    const content = this.#raw ?? JSON.stringify(typeof this.#answer === 'function' ? this.#answer(body) : this.#answer);
    const promptTokens = Math.ceil(raw.length / 4);
    const completionTokens = Math.ceil(content.length / 4);
    await send(
      res,
      200,
      {
        id: `chatcmpl-${randomBytes(12).toString('base64url')}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: typeof body?.model === 'string' ? body.model : 'unknown',
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      },
      this.stallBodyMs,
    );
  }

  /** The rejections OpenAI itself gives for a malformed call. */
  #checkRequest(req: IncomingMessage, body: any): OpenAiFailure | undefined {
    if (this.#apiKey !== undefined && req.headers.authorization !== `Bearer ${this.#apiKey}`) return { status: 401 };
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return { status: 404 };
    if (typeof body !== 'object' || body === null || !Array.isArray(body.messages) || typeof body.model !== 'string') {
      return { status: 400, message: "Missing required parameter: 'messages'." };
    }
    return undefined;
  }
}

function openAiErrorBody(failure: Exclude<OpenAiFailure, 'drop-connection'>): unknown {
  const shape = ERROR_SHAPES[failure.status] ?? { type: 'api_error', code: null, message: 'Unexpected error.' };
  return {
    error: {
      message: failure.message ?? shape.message,
      type: failure.type ?? shape.type,
      param: null,
      code: failure.code ?? shape.code,
    },
  };
}

async function send(res: ServerResponse, status: number, body: unknown, stallMs: number): Promise<void> {
  const text = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': text.length,
    'x-request-id': `req_${randomBytes(8).toString('hex')}`,
  });
  if (stallMs <= 0) {
    res.end(text);
    return;
  }
  const half = Math.floor(text.length / 2);
  res.write(text.subarray(0, half));
  await sleep(stallMs);
  if (!res.destroyed) res.end(text.subarray(half));
}
