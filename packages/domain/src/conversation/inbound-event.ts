import { whatsappIdToE164 } from '../phone.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Meta's unix-seconds string; a missing or bad one means "now" (it only moves the 24 h window). */
function metaTime(value: unknown): Date {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1_000) : new Date();
}

/** Message types that carry nothing Sara can read: a polite ask for text. Reactions get nothing. */
const ASK_FOR_TEXT_TYPES = new Set(['image', 'video', 'audio', 'document', 'location', 'contacts', 'order', 'unsupported', 'sticker']);

export type InboundMessage = {
  kind: 'message';
  wamid: string;
  /** E.164, or undefined when `from` is not a phone number. */
  phone: string | undefined;
  sentAt: Date;
  type: string;
  /** What the buyer said: text body, button or list title; undefined for media and others. */
  text: string | undefined;
  /** How to answer a message without text. */
  withoutText: 'ask_for_text' | 'ignore';
  system: boolean;
};

export type InboundStatus = {
  kind: 'status';
  wamid: string;
  status: string;
  at: Date;
  errorCode: number | undefined;
};

export type InboundPreference = { kind: 'preference'; phone: string | undefined; value: string; category: string; at: Date };

export type InboundEvent = InboundMessage | InboundStatus | InboundPreference | { kind: 'other'; field: string };

/** One WhatsApp event as Meta would have posted it alone (the job schema checked this envelope). */
export type WhatsAppEventEnvelope = { object: string; entry: { id: string; changes: { field: string; value: Record<string, unknown> }[] }[] };

/** Reads the one event of a single-event Meta body (the ingress splits batches). */
export function parseInboundEvent(body: WhatsAppEventEnvelope): InboundEvent {
  const change = body.entry[0]?.changes[0];
  const field = change?.field ?? '';
  const value: Json = isObject(change?.value) ? change.value : {};

  const [message] = Array.isArray(value.messages) ? value.messages.filter(isObject) : [];
  if (message) return parseMessage(message);

  const [status] = Array.isArray(value.statuses) ? value.statuses.filter(isObject) : [];
  if (status && str(status.id) && str(status.status)) {
    const [error] = Array.isArray(status.errors) ? status.errors.filter(isObject) : [];
    return {
      kind: 'status',
      wamid: status.id as string,
      status: status.status as string,
      at: metaTime(status.timestamp),
      errorCode: typeof error?.code === 'number' ? error.code : undefined,
    };
  }

  const [preference] = Array.isArray(value.user_preferences) ? value.user_preferences.filter(isObject) : [];
  if (preference && str(preference.value)) {
    return {
      kind: 'preference',
      phone: whatsappIdToE164(str(preference.wa_id) ?? ''),
      value: preference.value as string,
      category: str(preference.category) ?? 'unknown',
      at: metaTime(preference.timestamp),
    };
  }
  return { kind: 'other', field };
}

function parseMessage(message: Json): InboundMessage | { kind: 'other'; field: string } {
  const wamid = str(message.id);
  if (!wamid) return { kind: 'other', field: 'messages' };
  const type = str(message.type) ?? 'unknown';
  return {
    kind: 'message',
    wamid,
    phone: whatsappIdToE164(str(message.from) ?? ''),
    sentAt: metaTime(message.timestamp),
    type,
    text: textOf(message, type),
    withoutText: ASK_FOR_TEXT_TYPES.has(type) ? 'ask_for_text' : 'ignore',
    system: type === 'system',
  };
}

function textOf(message: Json, type: string): string | undefined {
  const part = message[type];
  if (!isObject(part)) return undefined;
  switch (type) {
    case 'text':
      return str(part.body);
    case 'button':
      // A template quick reply: the visible label is what the buyer "said".
      return str(part.text) ?? str(part.payload);
    case 'interactive': {
      const reply = isObject(part.button_reply) ? part.button_reply : isObject(part.list_reply) ? part.list_reply : undefined;
      return reply ? str(reply.title) : undefined;
    }
    default:
      return undefined;
  }
}
