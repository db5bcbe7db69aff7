import { classifyGraphError, networkSendError, WhatsAppSendError } from './errors.js';
import { toGraphBody, WhatsAppMessageError, type OutboundMessage } from './messages.js';

/**
 * Sends one message. Rejects only with `WhatsAppSendError`, so a job handler needs one check
 * to tell a retry from a give-up.
 */
export interface WhatsAppClient {
  readonly transport: 'graph' | 'sandbox';
  send(message: OutboundMessage): Promise<{ wamid: string }>;
}

export type GraphWhatsAppClientOptions = {
  /** Base URL including the API version, e.g. https://graph.facebook.com/v23.0. */
  apiUrl: string;
  phoneNumberId: string;
  accessToken: string;
  timeoutMs?: number;
};

/**
 * The WhatsApp Cloud API over HTTPS. It never retries: the calling BullMQ job owns retries and
 * backoff, and a retry here would hide throughput errors from the queue's rate limiter.
 */
export class GraphWhatsAppClient implements WhatsAppClient {
  readonly transport = 'graph' as const;
  // Private fields keep the token out of console.log / util.inspect of the client.
  readonly #endpoint: string;
  readonly #accessToken: string;
  readonly #timeoutMs: number;

  constructor({ apiUrl, phoneNumberId, accessToken, timeoutMs = 10_000 }: GraphWhatsAppClientOptions) {
    this.#endpoint = `${apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(phoneNumberId)}/messages`;
    this.#accessToken = accessToken;
    this.#timeoutMs = timeoutMs;
  }

  async send(message: OutboundMessage): Promise<{ wamid: string }> {
    const body = toSendableGraphBody(message);
    let status: number;
    let ok: boolean;
    let text: string;
    try {
      // One deadline covers the headers and the body: a stalled body is as dead as no answer.
      const response = await fetch(this.#endpoint, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${this.#accessToken}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      status = response.status;
      ok = response.ok;
      text = await response.text();
    } catch (error) {
      throw networkSendError(error, this.#timeoutMs);
    }

    const parsed = parseJson(text);
    if (!ok) throw classifyGraphError(status, parsed);
    const wamid = readMessageId(parsed);
    if (wamid === undefined) {
      // Permanent, not transient: Meta may have accepted the message, and a retry could send it twice.
      throw new WhatsAppSendError({
        kind: 'permanent',
        reason: `HTTP ${status} without messages[0].id in the Graph answer`,
        httpStatus: status,
      });
    }
    return { wamid };
  }
}

/** `toGraphBody`, with a broken message reported as a permanent send error. */
export function toSendableGraphBody(message: OutboundMessage): Record<string, unknown> {
  try {
    return toGraphBody(message);
  } catch (error) {
    if (!(error instanceof WhatsAppMessageError)) throw error;
    throw new WhatsAppSendError({ kind: 'permanent', reason: `invalid message: ${error.message}`, cause: error });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function readMessageId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { messages } = body as { messages?: unknown };
  if (!Array.isArray(messages)) return undefined;
  const first: unknown = messages[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const { id } = first as { id?: unknown };
  return typeof id === 'string' && id !== '' ? id : undefined;
}
