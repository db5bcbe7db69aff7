/**
 * What the caller should do next: `transient` → let the job retry with backoff; `window_closed`
 * → the 24 h customer-service window is shut, only a template can go out; `permanent` → retrying
 * the same request can never succeed.
 */
export type WhatsAppSendErrorKind = 'transient' | 'window_closed' | 'permanent';

export type WhatsAppSendErrorDetails = {
  kind: WhatsAppSendErrorKind;
  /** Why, in words safe for logs: never the recipient, never the message text. */
  reason: string;
  code?: number | undefined;
  httpStatus?: number | undefined;
  subcode?: number | undefined;
  fbtraceId?: string | undefined;
  cause?: unknown;
};

export class WhatsAppSendError extends Error {
  override readonly name = 'WhatsAppSendError';
  readonly kind: WhatsAppSendErrorKind;
  /** Graph's `error.code`. */
  readonly code: number | undefined;
  readonly httpStatus: number | undefined;
  /** Graph's `error.error_subcode`. */
  readonly subcode: number | undefined;
  /** What Meta support asks for when a failure needs their side of the story. */
  readonly fbtraceId: string | undefined;

  constructor(details: WhatsAppSendErrorDetails) {
    super(composeMessage(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.code = details.code;
    this.httpStatus = details.httpStatus;
    this.subcode = details.subcode;
    this.fbtraceId = details.fbtraceId;
  }
}

/**
 * Graph error codes Sara meets, with what each means. Unlisted codes on a 4xx are permanent:
 * retrying an unknown rejection only spends the throughput budget other buyers need.
 */
const GRAPH_CODES = new Map<number, { kind: WhatsAppSendErrorKind; meaning: string }>([
  [1, { kind: 'transient', meaning: 'unknown API error' }],
  [2, { kind: 'transient', meaning: 'API service temporarily unavailable' }],
  [4, { kind: 'transient', meaning: 'app request limit reached' }],
  [10, { kind: 'permanent', meaning: 'permission denied' }],
  [100, { kind: 'permanent', meaning: 'invalid parameter' }],
  [190, { kind: 'permanent', meaning: 'access token expired or invalid' }],
  [200, { kind: 'permanent', meaning: 'permission not granted' }],
  [368, { kind: 'permanent', meaning: 'temporarily blocked for policy violations' }],
  [80007, { kind: 'transient', meaning: 'business account rate limit reached' }],
  [130429, { kind: 'transient', meaning: 'throughput limit reached' }],
  [131000, { kind: 'transient', meaning: 'something went wrong' }],
  // Not in the original list, but Meta documents it as "service temporarily unavailable".
  [131016, { kind: 'transient', meaning: 'service temporarily unavailable' }],
  [131026, { kind: 'permanent', meaning: 'message undeliverable' }],
  [131031, { kind: 'permanent', meaning: 'business account locked' }],
  [131047, { kind: 'window_closed', meaning: 'more than 24 hours since the customer last wrote; only a template may be sent' }],
  [131050, { kind: 'permanent', meaning: 'recipient stopped marketing messages' }],
  [131051, { kind: 'permanent', meaning: 'unsupported message type' }],
  [131056, { kind: 'transient', meaning: 'too many messages to this recipient' }],
  [131057, { kind: 'transient', meaning: 'business account in maintenance mode' }],
  [132000, { kind: 'permanent', meaning: 'template parameter count mismatch' }],
  [132001, { kind: 'permanent', meaning: 'template does not exist in this language' }],
]);

/**
 * Classifies a failed Graph call from its HTTP status (undefined when no answer came back) and
 * its parsed body (anything: a proxy may answer HTML, which arrives here as a string).
 */
export function classifyGraphError(httpStatus: number | undefined, body: unknown): WhatsAppSendError {
  const graph = readGraphError(body);
  const known = graph.code === undefined ? undefined : GRAPH_CODES.get(graph.code);
  return new WhatsAppSendError({
    kind: chooseKind(httpStatus, known?.kind),
    reason: describe(httpStatus, graph.code, known?.meaning ?? graph.type),
    code: graph.code,
    httpStatus,
    subcode: graph.subcode,
    fbtraceId: graph.fbtraceId,
  });
}

/** A request that got no HTTP answer: refused, reset, or over its deadline. */
export function networkSendError(cause: unknown, timeoutMs: number): WhatsAppSendError {
  const reason =
    isNamed(cause, 'TimeoutError') || isNamed(cause, 'AbortError')
      ? `no answer from the Graph API within ${timeoutMs} ms`
      : `network error talking to the Graph API (${networkCode(cause)})`;
  return new WhatsAppSendError({ kind: 'transient', reason, cause });
}

function chooseKind(httpStatus: number | undefined, knownKind: WhatsAppSendErrorKind | undefined): WhatsAppSendErrorKind {
  // A server-side failure says nothing reliable about the request, whatever code came with it.
  if (httpStatus === undefined || httpStatus === 429 || httpStatus >= 500) return 'transient';
  return knownKind ?? 'permanent';
}

function describe(httpStatus: number | undefined, code: number | undefined, meaning: string | undefined): string {
  const status = httpStatus === undefined ? 'no HTTP answer' : `HTTP ${httpStatus}`;
  if (code === undefined) return httpStatus === undefined ? status : `${status} without a Graph error body`;
  return `Graph error ${code} (${meaning ?? 'unrecognised code'}), ${status}`;
}

// Graph's own `error.message` and `error_data.details` are left out on purpose: they can echo
// parameter values, which would put message text or a phone number into logs.
function composeMessage(details: WhatsAppSendErrorDetails): string {
  const subcode = details.subcode === undefined ? '' : `, subcode ${details.subcode}`;
  const trace = details.fbtraceId === undefined ? '' : `, fbtrace_id ${details.fbtraceId}`;
  return `WhatsApp send failed (${details.kind}): ${details.reason}${subcode}${trace}`;
}

type GraphErrorFields = { code?: number; subcode?: number; fbtraceId?: string; type?: string };

function readGraphError(body: unknown): GraphErrorFields {
  if (!isRecord(body) || !isRecord(body.error)) return {};
  const { code, error_subcode: subcode, fbtrace_id: fbtraceId, type } = body.error;
  const fields: GraphErrorFields = {};
  if (typeof code === 'number' && Number.isInteger(code)) fields.code = code;
  if (typeof subcode === 'number' && Number.isInteger(subcode)) fields.subcode = subcode;
  // fbtrace_id is an opaque token; the pattern keeps anything else out of the error message.
  if (typeof fbtraceId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(fbtraceId)) fields.fbtraceId = fbtraceId;
  if (typeof type === 'string' && /^[A-Za-z]{1,64}$/.test(type)) fields.type = type;
  return fields;
}

function networkCode(cause: unknown): string {
  const inner = isRecord(cause) && isRecord(cause.cause) ? cause.cause : cause;
  if (isRecord(inner) && typeof inner.code === 'string') return inner.code;
  return isRecord(inner) && typeof inner.name === 'string' ? inner.name : 'unknown';
}

function isNamed(value: unknown, name: string): boolean {
  return isRecord(value) && value.name === name;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
