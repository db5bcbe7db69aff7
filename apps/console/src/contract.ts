/**
 * The console's JSON API as the page sees it: the server's serializers return exactly these
 * shapes and the web app imports them as types, so the two cannot drift apart silently.
 * Errors use Sara's format: `{error: {code, message, details, timestamp, traceId}}`.
 */

export const ROLES = ['admin', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export type SessionUser = { id: string; email: string; name: string; role: Role };

/** GET /api/session and POST /api/session answer this; every other mutation sends `X-CSRF-Token: csrfToken`. */
export type SessionResponse = { user: SessionUser; csrfToken: string };

/** The inbox's filter: `needs_human` is an open conversation the team must look at. */
export const INBOX_FILTERS = ['needs_human', 'active', 'awaiting_response', 'closed'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

export type NeedsHumanReason = 'unknown_question' | 'exchange_limit' | 'asked_for_person';

export type OperatorRef = { id: string; name: string };

export type ConversationSummary = {
  id: string;
  buyerName: string;
  /** Full E.164 for admins; masked to the last four digits for agents ("•••• •••• 4321"). */
  phone: string;
  status: 'awaiting_response' | 'active' | 'closed' | 'error';
  needsHuman: { reason: NeedsHumanReason; since: string } | null;
  /** The operator who took the conversation over; Sara is silent while this is set. */
  handledBy: OperatorRef | null;
  productName: string;
  lastMessage: { from: MessageAuthor; text: string; at: string } | null;
  /** Meta's 24 h window for free text: null when the buyer never wrote. */
  serviceWindowEndsAt: string | null;
};

/** GET /api/conversations?status=&q= — waiting for a human first, then active, awaiting, closed. */
export type InboxResponse = { conversations: ConversationSummary[] };

export type MessageAuthor = 'user' | 'sara' | 'operator';

export type TimelineEntry = {
  id: string;
  from: MessageAuthor;
  /** Who typed it, for operator messages. */
  operator: OperatorRef | null;
  /** text | template | interactive | image … */
  type: string;
  text: string;
  template: { name: string; parameters: string[] } | null;
  /** queued | sending | sent | delivered | read | failed | blocked | unknown | received */
  status: string;
  errorCode: number | null;
  /** Why a message was recorded but never sent (opted_out, outside_24h_window, …). */
  blockedReason: string | null;
  at: string;
};

export type AbandonmentView = {
  externalId: string;
  productId: string;
  productName: string;
  value: number | null;
  /** cart | pix_generated | pix_expired | boleto_printed | boleto_expired */
  kind: string;
  status: string;
  /** Every link Sara offered in this conversation, payment and discount. */
  linksOffered: string[];
  createdAt: string;
};

export type PaymentView = { id: string; source: string; amount: number; currency: string | null; paidAt: string; matchStatus: string };

/** An approved template the operator may send once the window closed, its parameters filled for this buyer. */
export type TemplateChoice = { name: string; parameters: string[] };

export type ConversationDetail = ConversationSummary & {
  closedReason: string | null;
  optedOut: boolean;
  serviceWindow: { open: boolean; endsAt: string | null };
  abandonment: AbandonmentView;
  payments: PaymentView[];
  messages: TimelineEntry[];
  templates: TemplateChoice[];
};

/** GET /api/conversations/:id, and the answer of takeover, release and close. */
export type ConversationResponse = { conversation: ConversationDetail };

/** POST /api/conversations/:id/messages: `{text}` inside the 24 h window, `{template, parameters}` any time. */
export type SendMessageRequest = { text: string } | { template: string; parameters: string[] };
/** 202: queued for the outbound path; its delivery status arrives on the timeline. */
export type SendMessageResponse = { message: TimelineEntry };

export type CloseRequest = { reason: string };

/**
 * GET /api/events is a server-sent event stream: `event: conversation` with this data whenever
 * a conversation's messages, delivery statuses or state change. The page refetches what it shows.
 */
export type ConversationChangedEvent = { conversationId: string };

/** Codes the console's API adds to Sara's error format. */
export type ConsoleErrorCode =
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'VALIDATION_ERROR'
  | 'RATE_LIMITED'
  | 'INVALID_CREDENTIALS'
  | 'CONVERSATION_NOT_FOUND'
  | 'CONVERSATION_CLOSED'
  | 'CONVERSATION_TAKEN'
  | 'TAKEOVER_REQUIRED'
  | 'SERVICE_WINDOW_CLOSED'
  | 'USER_OPTED_OUT';

export type ApiErrorBody = {
  error: { code: ConsoleErrorCode | string; message: string; details: Record<string, unknown>; timestamp: string; traceId: string };
};
