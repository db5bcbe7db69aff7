import { createHmac, randomUUID } from 'node:crypto';
import type { ConversationTranscript, RecoveryReportView, RecoverySettingsView, SequenceStep, SequenceView } from '@sara/domain';
import type { AbandonmentEvent, PaymentEvent } from '@sara/jobs';
import type { SandboxMessage } from '@sara/whatsapp';

/** Where Sara answers and the secrets to talk to it; each call says which one it misses. */
export type SaraSettings = {
  url: string;
  paymentSecret?: string | undefined;
  appSecret?: string | undefined;
  adminKey?: string | undefined;
};

/** Flags first, then the environment (which `loadDotEnv` filled from .env, real variables winning). */
export function resolveSettings(
  flags: { url?: string | undefined; secret?: string | undefined; 'app-secret'?: string | undefined; 'admin-key'?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): SaraSettings {
  return {
    url: (flags.url ?? env.SARA_URL ?? `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, ''),
    paymentSecret: flags.secret ?? env.PAYMENT_WEBHOOK_SECRET,
    appSecret: flags['app-secret'] ?? env.WHATSAPP_APP_SECRET,
    adminKey: flags['admin-key'] ?? env.ADMIN_API_KEY,
  };
}

/** A failure explained for the person at the terminal, not a stack trace. */
export class SaraError extends Error {
  override readonly name = 'SaraError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export function signBody(secret: string, raw: string): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/**
 * Serialises like Meta does, non-ASCII escaped as \uXXXX, so the signature covers the same kind
 * of bytes Sara receives in production (where re-serialising would break the hash).
 */
export function serializeLikeMeta(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A buyer's text message in the Cloud API's webhook shape (one entry, one change, one message). */
export function buyerTextBody(input: { phone: string; text: string; name?: string | undefined; wamid?: string; at?: Date }) {
  const waId = input.phone.replace(/^\+/, '');
  const wamid = input.wamid ?? `wamid.SIM.${randomUUID()}`;
  const body = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'sara-simulator',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: 'sandbox' },
              contacts: [{ profile: { name: input.name ?? 'Cliente' }, wa_id: waId }],
              messages: [
                {
                  from: waId,
                  id: wamid,
                  timestamp: String(Math.floor((input.at ?? new Date()).getTime() / 1_000)),
                  type: 'text',
                  text: { body: input.text },
                },
              ],
            },
          },
        ],
      },
    ],
  };
  return { raw: serializeLikeMeta(body), wamid };
}

type ErrorBody = { error?: { code?: string; message?: string; details?: { errors?: { field: string; reason: string }[] } } };

/** Sara's public HTTP API as a checkout platform, Meta and an admin use it. */
export class SaraClient {
  constructor(
    readonly settings: SaraSettings,
    private readonly timeoutMs = 10_000,
  ) {}

  async ready(): Promise<{ status: string; checks: Record<string, string> }> {
    return this.request('GET', '/ready', { accept: [200, 503] });
  }

  async abandon(event: AbandonmentEvent): Promise<{ status: string; abandonmentId: string; conversationId: string }> {
    return this.signedPost('/webhook/abandonment', JSON.stringify(event), this.need('paymentSecret'));
  }

  async pay(event: PaymentEvent): Promise<{ status: string; paymentId: string; abandonmentId: string; conversationId?: string }> {
    return this.signedPost('/webhook/payment', JSON.stringify(event), this.need('paymentSecret'));
  }

  /** Sends a text as the buyer would, through Meta's webhook; returns its wamid. */
  async say(input: { phone: string; text: string; name?: string | undefined }): Promise<{ wamid: string }> {
    const { raw, wamid } = buyerTextBody(input);
    await this.signedPost('/webhook/messages', raw, this.need('appSecret'));
    return { wamid };
  }

  async conversation(id: string): Promise<ConversationTranscript> {
    return this.request('GET', `/conversations/${encodeURIComponent(id)}?limit=500`, { admin: true });
  }

  async sandbox(limit = 50): Promise<{ total: number; messages: SandboxMessage[] }> {
    return this.request('GET', `/sandbox/messages?limit=${limit}`, { admin: true });
  }

  /** The recovery report of the abandonments created in [from, to) (ISO instants). */
  async report(range: { from: string; to: string }): Promise<RecoveryReportView> {
    const query = new URLSearchParams(range).toString();
    return this.request('GET', `/admin/report?${query}`, { admin: true });
  }

  /** Everything Sara holds about the buyer with this phone (LGPD access), as JSON. */
  async exportBuyer(phone: string): Promise<Record<string, unknown>> {
    return this.request('GET', `/admin/buyers/${encodeURIComponent(phone)}`, { admin: true });
  }

  /** Erases the buyer with this phone (LGPD deletion); answers what was erased, per table. */
  async eraseBuyer(phone: string): Promise<{ status: string; erased: Record<string, number | null>; tombstone: boolean }> {
    return this.request('DELETE', `/admin/buyers/${encodeURIComponent(phone)}`, { admin: true });
  }

  async sequences(): Promise<SequenceView[]> {
    return (await this.request<{ sequences: SequenceView[] }>('GET', '/admin/sequences', { admin: true })).sequences;
  }

  async putSequence(kind: SequenceView['kind'], steps: SequenceStep[]): Promise<SequenceView> {
    return this.request('PUT', `/admin/sequences/${kind}`, { admin: true, json: { steps } });
  }

  /** Back to the shipped default for that kind. */
  async resetSequence(kind: SequenceView['kind']): Promise<SequenceView> {
    return this.request('DELETE', `/admin/sequences/${kind}`, { admin: true });
  }

  async recoverySettings(): Promise<RecoverySettingsView> {
    return this.request('GET', '/admin/settings', { admin: true });
  }

  /** Changes only the settings given. */
  async putRecoverySettings(change: Partial<RecoverySettingsView>): Promise<RecoverySettingsView> {
    return this.request('PUT', '/admin/settings', { admin: true, json: change });
  }

  private need(key: 'paymentSecret' | 'appSecret' | 'adminKey'): string {
    const value = this.settings[key];
    if (value) return value;
    const [variable, flag] = SECRET_SOURCES[key];
    throw new SaraError(`${variable} is not set: run from Sara's folder (it reads .env) or pass ${flag}`);
  }

  private signedPost<T>(path: string, raw: string, secret: string): Promise<T> {
    return this.request('POST', path, { raw, headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signBody(secret, raw) } });
  }

  private async request<T>(
    method: string,
    path: string,
    options: { raw?: string; json?: unknown; headers?: Record<string, string>; admin?: boolean; accept?: number[] } = {},
  ): Promise<T> {
    const headers = {
      ...options.headers,
      ...(options.json === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(options.admin ? { Authorization: `Bearer ${this.need('adminKey')}` } : {}),
    };
    let response: Response;
    try {
      response = await fetch(`${this.settings.url}${path}`, {
        method,
        headers,
        body: options.raw ?? (options.json === undefined ? null : JSON.stringify(options.json)),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new SaraError(
        `Sara did not answer at ${this.settings.url} (${networkReason(error)}): is it running? Start it with \`bash scripts/up.sh --keep-running\` or \`scripts/pnpm.sh start\`.`,
      );
    }
    const text = await response.text();
    const body = text && (response.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as unknown) : text;
    if (response.ok || options.accept?.includes(response.status)) return body as T;
    throw new SaraError(explain(method, path, response.status, body as ErrorBody), response.status);
  }
}

const SECRET_SOURCES = {
  paymentSecret: ['PAYMENT_WEBHOOK_SECRET', '--secret'],
  appSecret: ['WHATSAPP_APP_SECRET', '--app-secret'],
  adminKey: ['ADMIN_API_KEY', '--admin-key'],
} as const;

/** fetch hides the reason in `cause` (an AggregateError when both IPv6 and IPv4 were tried). */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'timed out';
  const cause = error.cause as { code?: string; message?: string; errors?: { code?: string }[] } | undefined;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  return code ?? cause?.message ?? error.message;
}

/** What an error answer means for whoever typed the command, and what to check. */
function explain(method: string, path: string, status: number, body: ErrorBody): string {
  const message = body?.error?.message ?? `HTTP ${status}`;
  if (status === 403 && path.startsWith('/webhook/messages')) return "signature rejected: check WHATSAPP_APP_SECRET (it must match the running Sara's .env)";
  if (status === 403) return "signature rejected: check PAYMENT_WEBHOOK_SECRET (it must match the running Sara's .env)";
  if (status === 401) return 'admin key rejected: check ADMIN_API_KEY';
  if (status === 404 && path.startsWith('/conversations/')) return `no such conversation: ${decodeURIComponent(path.split('/')[2]?.split('?')[0] ?? '')}`;
  if (status === 400) {
    const problems = body?.error?.details?.errors?.map((problem) => `${problem.field} ${problem.reason}`) ?? [message];
    const what = path.startsWith('/admin/report') ? 'period' : path.startsWith('/admin/') ? 'change' : 'event';
    return `Sara rejected the ${what}: ${problems.join('; ')}`;
  }
  if (status === 503) return `Sara is not ready (Postgres or Redis unavailable): ${message}`;
  return `${method} ${path.split('?')[0]} answered ${status}: ${message}`;
}
