/**
 * The merchant pages' JSON API as the page sees it at /api/... (Painel, Ofertas, Sequências e
 * horários, Pagamentos para revisar, Compradores, Auditoria). The routers that answer it live in
 * @sara/admin-api and are shared with the ingress' bearer-token /admin API; their handlers type
 * each answer against these shapes, so this file cannot drift from what is sent.
 *
 * Rules common to every endpoint here:
 * - A session is required (401 `UNAUTHORIZED`); mutations need `X-CSRF-Token` (403 `FORBIDDEN`,
 *   `details.reason: 'csrf'`); every page is admin-only (403 `FORBIDDEN`, `details.reason:
 *   'role'`) except GET /api/report and GET /api/report/daily, which agents read too.
 * - Errors use Sara's format (`ApiErrorBody` in contract.ts). A 400 `VALIDATION_ERROR` always
 *   names the field in `details.field` (`faq[2].answer`, `steps[1].delaySeconds`, `quietHours`)
 *   and gives an English `details.reason`: the page shows its own Portuguese text per field.
 * - Dates are ISO 8601 strings (UTC, `Z`); money is in BRL, as numbers of reais except where a
 *   field says it is a decimal string.
 * - Lists take `limit` (1–500, default 50) and `offset` (default 0) and answer `pagination`.
 */

/** `limit`/`offset` echoed, and the total the filters match. */
export type Pagination = { limit: number; offset: number; total: number };

// ---------------------------------------------------------------------------------------------
// Ofertas
// ---------------------------------------------------------------------------------------------

/** One question and the shop's answer: the only product facts Sara may state. */
export type FaqEntry = { question: string; answer: string };

/** An offer as stored (inactive ones included). */
export type OfferView = {
  productId: string;
  productName: string;
  /** https only. */
  paymentLink: string;
  discountLink: string | null;
  /** 0–90. */
  discountPercent: number | null;
  faq: FaqEntry[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

/** GET /api/offers?active=true|false&limit&offset — ordered by product id. */
export type OfferListResponse = { offers: OfferView[]; total: number; pagination: Pagination };

/** GET /api/offers/:productId → OfferView; 404 `OFFER_NOT_FOUND`. */
export type OfferResponse = OfferView;

/**
 * PUT /api/offers/:productId (productId: 1–255 characters, no control characters; URL-encode it)
 * creates or replaces the offer and answers it as stored (OfferView). A field left out returns
 * to its default (no discount, no FAQ, active). 400 `VALIDATION_ERROR` fields: `productName`
 * (1–255), `paymentLink` / `discountLink` (https URL, at most 1024), `discountPercent` (0–90),
 * `active` (boolean), `faq` (at most 100), `faq[i]`, `faq[i].question` / `faq[i].answer` (1–1000).
 * Audited as `console.offers.put`, target the product id.
 */
export type OfferInput = {
  productName: string;
  paymentLink: string;
  discountLink?: string | null;
  discountPercent?: number | null;
  active?: boolean;
  faq?: FaqEntry[];
};

/**
 * DELETE /api/offers/:productId deactivates the offer (the row stays) and answers it (OfferView,
 * `active: false`); 404 `OFFER_NOT_FOUND`. Audited as `console.offers.delete`.
 */
export type OfferDeactivateResponse = OfferView;

/**
 * POST /api/offers/test — the "Testar" box: what Sara's offline brain would answer this buyer
 * question with this unsaved draft, composed exactly as the worker composes a reply (FAQ
 * retrieval, grounding, links appended by code), to a sample buyer named "Maria" on an abandoned
 * cart with no earlier message. A question that asks Sara to stop gets her farewell, with no link.
 * Nothing is stored or sent. The draft is validated like PUT /api/offers (fields named
 * `offer`, `offer.productName`, `offer.faq[0].answer`, …); `question` is 1–1000 characters. Not
 * audited (it changes nothing).
 */
export type OfferTestRequest = {
  offer: { productName: string; paymentLink: string; discountLink?: string | null; discountPercent?: number | null; faq: FaqEntry[] };
  question: string;
};

export type OfferTestResponse = {
  /** The FAQ entry the reply states (index into the draft's `faq`), or null when none answers. */
  entry: { index: number; question: string; answer: string } | null;
  /** The WhatsApp text Sara would send, links included. */
  reply: string;
  /** True when no entry answers a product question: Sara would promise to ask the team and flag the conversation. */
  unanswered: boolean;
};

// ---------------------------------------------------------------------------------------------
// Sequências e horários
// ---------------------------------------------------------------------------------------------

export const ABANDONMENT_KINDS = ['cart', 'pix_generated', 'pix_expired', 'boleto_printed', 'boleto_expired'] as const;
export type AbandonmentKind = (typeof ABANDONMENT_KINDS)[number];

/** Counted from the abandonment: step 1 usually at 0 s. */
export type SequenceStepView = { delaySeconds: number; template: string };

/** `custom: false` is the shipped default. */
export type SequenceView = { kind: AbandonmentKind; steps: SequenceStepView[]; custom: boolean };

/** GET /api/sequences — every kind, in ABANDONMENT_KINDS order. */
export type SequenceListResponse = { sequences: SequenceView[] };

/**
 * PUT /api/sequences/:kind → SequenceView. 1–5 steps, delays whole seconds from 0 to 604800
 * (7 days) and strictly increasing, templates approved names (a-z, 0-9, _). 400 fields: `kind`,
 * `steps`, `steps[i]`, `steps[i].delaySeconds`, `steps[i].template`. Steps not yet sent move to
 * the new times. Audited as `console.sequences.put`, target the kind.
 */
export type SequenceInput = { steps: SequenceStepView[] };

/** DELETE /api/sequences/:kind → SequenceView, back to the default. Audited as `console.sequences.delete`. */
export type SequenceResetResponse = SequenceView;

/** Quiet hours in the buyer's local time, "HH:MM" (24 h); start ≠ end, may wrap midnight. */
export type QuietHoursView = { start: string; end: string };

export type SettingsView = {
  quietHours: QuietHoursView | null;
  /** IANA zone, default America/Sao_Paulo: the report's days and buyers without a Brazilian phone. */
  timezone: string;
  /** 1–10 recovery templates per buyer per 24 h. */
  maxTemplatesPerBuyerPer24h: number;
  /** 0–50: the share of abandonments held out (no message at all) to measure the lift. */
  holdoutPercent: number;
};

/** GET /api/settings → SettingsView. */
export type SettingsResponse = SettingsView;

/**
 * PUT /api/settings changes only the fields sent and answers the settings in force
 * (SettingsView). 400 fields: `quietHours`, `timezone`, `maxTemplatesPerBuyerPer24h`,
 * `holdoutPercent`, or the name of an unknown field; an empty object is 400 (`details.reason:
 * 'empty'`). Audited as `console.settings.put`.
 */
export type SettingsInput = Partial<SettingsView>;

// ---------------------------------------------------------------------------------------------
// Painel (admins and agents)
// ---------------------------------------------------------------------------------------------

/** One slice of the period's abandonments (a kind, a platform): its funnel. */
export type ReportSlice = {
  abandonments: number;
  /** A recovery template left for the buyer (treatment group only). */
  contacted: number;
  /** The buyer wrote back. */
  replied: number;
  recovered: number;
  recoveredRevenue: number;
};

/** Sales credited to the last step sent before them. */
export type StepReport = { step: number; sent: number; recoveredAfter: number };

export type CohortRate = { abandonments: number; recovered: number; rate: number };

/**
 * The holdout comparison. `lift` is treatment rate − control rate (0.05 = 5 percentage points);
 * `liftCi95` its 95 % interval (Newcombe). With no control group yet (holdout 0 %): lift 0 and
 * the interval [-1, 1], meaning "unknown" — show "sem grupo de controle", not a figure.
 */
export type HoldoutView = {
  control: CohortRate;
  treatment: CohortRate;
  lift: number;
  liftCi95: [number, number];
  /** What the messages added, in BRL (may be negative). */
  incrementalRevenue: number;
};

/**
 * GET /api/report?from=ISO&to=ISO — the abandonments CREATED in [from, to) (at most 366 days):
 * the funnel abandoned → contacted → replied → recovered, by kind (`byKind`), platform
 * (`bySource`: sara, hotmart, …) and step, and the holdout. 400 fields: `from`, `to`.
 */
export type ReportView = {
  from: string;
  to: string;
  abandonments: number;
  contacted: number;
  replied: number;
  optedOut: number;
  recovered: number;
  recoveredRevenue: number;
  byKind: Record<string, ReportSlice>;
  bySource: Record<string, ReportSlice>;
  byStep: StepReport[];
  holdout: HoldoutView;
};

/** One calendar day of the shop's time zone (SettingsView.timezone). */
export type DailyPoint = {
  /** YYYY-MM-DD in the shop's time zone. */
  date: string;
  abandonments: number;
  contacted: number;
  recovered: number;
  recoveredRevenue: number;
  /** recovered / abandonments, 0 on a day without abandonments; 4 decimals. */
  recoveryRate: number;
};

/**
 * GET /api/report/daily?from=ISO&to=ISO — the chart: the same abandonments as GET /api/report,
 * counted by the shop-local day they were created on. Every day that [from, to) touches is listed
 * oldest first, days without abandonments as zeros. Send instants with the shop's offset
 * (2026-11-01T00:00:00-03:00) to get whole days. 400 fields: `from`, `to` (at most 366 days).
 */
export type DailyReportResponse = { days: DailyPoint[] };

// ---------------------------------------------------------------------------------------------
// Pagamentos para revisar
// ---------------------------------------------------------------------------------------------

/**
 * unmatched: no abandonment found; review: found, but the amount or owner does not fit; matched;
 * ignored: a person decided it needs nothing (the reason in `reviewReason`).
 */
export const PAYMENT_STATUSES = ['unmatched', 'review', 'matched', 'ignored'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** checkout | phone | email (automatic), manual ("Vincular"). */
export type PaymentMatchedBy = 'checkout' | 'phone' | 'email' | 'manual';

export type PaymentReviewRow = {
  id: string;
  /** The platform: sara, hotmart, kiwify, eduzz, stripe, shopify. */
  source: string;
  /** The platform's own transaction id. */
  paymentId: string;
  /** Decimal string, 2 places ("297.00"). */
  amount: string;
  currency: string | null;
  paidAt: string;
  productId: string | null;
  matchStatus: PaymentStatus;
  matchedBy: PaymentMatchedBy | null;
  /** Why it is unmatched or in review, or the person's reason for ignoring it. */
  reviewReason: string | null;
  abandonmentId: string | null;
  /** Masked ("+5511••••••321", "ma•••@loja.com"): enough to recognise the buyer. */
  buyer: { phone: string | null; email: string | null };
};

/** GET /api/payments?status=unmatched|review|matched|ignored&limit&offset — newest first. 400 field `status`. */
export type PaymentListResponse = { payments: PaymentReviewRow[]; total: number; pagination: Pagination };

/** Why an abandonment is offered as a candidate for a payment. */
export type CandidateMatch = 'phone' | 'email' | 'product';

export type CandidateAbandonment = {
  id: string;
  externalId: string;
  productId: string;
  productName: string;
  buyerName: string;
  value: number | null;
  kind: AbandonmentKind;
  /** initiated | active | declined (never converted: those are not open). */
  status: string;
  createdAt: string;
  /** The strongest reason: the same phone, else the same e-mail, else the same product. */
  matchedBy: CandidateMatch;
};

/**
 * GET /api/payments/:id/candidates — open (not converted) abandonments of the payment's buyer
 * (phone, e-mail) or product, newest first, at most 20; 404 `PAYMENT_NOT_FOUND`.
 */
export type PaymentCandidatesResponse = { abandonments: CandidateAbandonment[] };

/**
 * POST /api/payments/:id/link — "Vincular": the payment settles this abandonment exactly as an
 * automatic match would (converted, its conversation closed, the buyer thanked when Sara had
 * reached them), recorded with `matchedBy: 'manual'`. Exactly once:
 * - 409 `PAYMENT_ALREADY_MATCHED`: the payment is matched already (a second click, another admin);
 * - 409 `ABANDONMENT_ALREADY_CONVERTED`: another payment converted that abandonment;
 * - 409 `PAYMENT_AMOUNT_MISMATCH`: the amount is neither the abandonment's value nor its
 *   discounted value (`details.reason` says which); nothing changes;
 * - 404 `PAYMENT_NOT_FOUND`, `ABANDONMENT_NOT_FOUND`; 400 field `abandonmentId` (a UUID).
 * Audited as `console.payments.link`, target the payment id.
 */
export type PaymentLinkRequest = { abandonmentId: string };

export type PaymentLinkResponse = {
  payment: PaymentReviewRow;
  abandonment: { id: string; status: 'converted'; conversionLink: 'original' | 'discounted' };
  /** The thank-you queued for the buyer, or null (Sara never reached them, opted out, holdout). */
  thanksMessageId: string | null;
};

/**
 * POST /api/payments/:id/ignore — "Ignorar": matchStatus `ignored`, the reason kept in
 * `reviewReason`. 400 field `reason` (1–200 characters); 409 `PAYMENT_ALREADY_MATCHED`; 404
 * `PAYMENT_NOT_FOUND`. An ignored payment may still be linked later. Audited as
 * `console.payments.ignore`, target the payment id.
 */
export type PaymentIgnoreRequest = { reason: string };
export type PaymentIgnoreResponse = { payment: PaymentReviewRow };

// ---------------------------------------------------------------------------------------------
// Compradores
// ---------------------------------------------------------------------------------------------

export type BuyerSummary = {
  /** Full E.164 (an admin page): use it, URL-encoded, in /api/buyers/:phone. */
  phone: string;
  name: string;
  /** The latest e-mail a checkout gave, if any. */
  email: string | null;
  optedOut: boolean;
  optedOutAt: string | null;
  /** keyword:<word>, ai, whatsapp_marketing_stop. */
  optedOutReason: string | null;
  /** How many abandonments Sara holds for the buyer. */
  abandonments: number;
  /** The latest abandonment or message, whichever is later. */
  lastActivityAt: string | null;
};

/**
 * GET /api/buyers?q= — q (2–100 characters) is any run of the phone's digits when it holds only
 * digits and phone punctuation ("4321", "(11) 98765"), else part of the name or of the e-mail
 * (case-insensitive); at most 50, most recently active first. Erased buyers are not found. 400
 * field `q`. Not audited per search (a read of a list).
 */
export type BuyerSearchResponse = { buyers: BuyerSummary[] };

/** The opt-out and what followed: each conversation it closed and the farewell Sara sent there. */
export type OptOutHistoryEntry = {
  conversationId: string;
  closedAt: string | null;
  /** Sara's goodbye message in that conversation, if one was written. */
  farewell: { messageId: string; text: string; status: string; at: string } | null;
};

/**
 * GET /api/buyers/:phone (any usual phone shape, URL-encoded) — "Exportar dados": everything Sara
 * holds about the buyer (LGPD art. 18). With `?download=1` the same JSON comes with
 * `Content-Disposition: attachment; filename="sara-comprador.json"` (use a plain link or
 * `fetch` + blob). 404 `BUYER_NOT_FOUND`. Audited as `console.buyers.export`, target `buyer`.
 * The rows are the database's own (camelCase column names), for the buyer to read.
 */
export type BuyerExport = {
  phone: string;
  exportedAt: string;
  user: Record<string, unknown> | null;
  optOut: { optedOut: boolean; optedOutAt: string | null; reason: string | null; history: OptOutHistoryEntry[] };
  abandonments: Record<string, unknown>[];
  conversations: Record<string, unknown>[];
  payments: Record<string, unknown>[];
};

/**
 * DELETE /api/buyers/:phone — "Apagar dados", after the page's confirmation: anonymises the
 * buyer everywhere (counts, amounts and dates stay); an opted-out buyer leaves a keyed hash
 * (`tombstone`) so Sara never messages the number again. A second call is 404
 * `BUYER_NOT_FOUND`. Redis counts are null when Redis could not be cleaned (the erasure in
 * Postgres stands). Audited as `console.buyers.erase`, target `buyer`.
 */
export type BuyerErasureResponse = {
  status: 'erased';
  erased: {
    users: number;
    abandonments: number;
    conversations: number;
    messages: number;
    payments: number;
    webhooksLog: number;
    recoverySteps: number;
    jobs: number | null;
    sandboxMessages: number | null;
  };
  tombstone: boolean;
};

// ---------------------------------------------------------------------------------------------
// Auditoria
// ---------------------------------------------------------------------------------------------

export type AuditEventRow = {
  id: string;
  /** `operator:<id>` (a console account), `admin-api-key`, or `unknown` (no valid credential). */
  actor: string;
  /** The operator's name when actor is `operator:<id>` and the account exists; else null. */
  actorName: string | null;
  /** `console.<area>.<verb>` (console.offers.put, console.takeover, …) or the admin API's `<area>.<verb>`. */
  action: string;
  /** A product id, payment id, kind, conversation id, or `buyer` — never personal data. */
  target: string | null;
  /** The HTTP status the request ended with. */
  outcome: number;
  requestId: string | null;
  createdAt: string;
};

/**
 * GET /api/audit?action=&actor=&from=ISO&to=ISO&limit&offset — newest first. `action` is an
 * exact name or a prefix ending in a dot (`console.` for every console action, `console.offers.`);
 * `actor` exact (`operator:<id>`, `admin-api-key`); createdAt in [from, to). 400 fields: `action`,
 * `actor`, `from`, `to`, `limit`, `offset`.
 */
export type AuditListResponse = { events: AuditEventRow[]; total: number; pagination: Pagination };

/** GET /api/operators (admin): the team, for the audit's "Quem" filter; `actor` is how the audit names them. */
export type OperatorListResponse = { operators: { id: string; actor: string; name: string; role: 'admin' | 'agent' }[] };

// ---------------------------------------------------------------------------------------------

/** Codes the merchant pages may meet, beyond contract.ts's ConsoleErrorCode. */
export type MerchantErrorCode =
  | 'VALIDATION_ERROR'
  | 'OFFER_NOT_FOUND'
  | 'BUYER_NOT_FOUND'
  | 'PAYMENT_NOT_FOUND'
  | 'ABANDONMENT_NOT_FOUND'
  | 'PAYMENT_ALREADY_MATCHED'
  | 'ABANDONMENT_ALREADY_CONVERTED'
  | 'PAYMENT_AMOUNT_MISMATCH'
  | 'SERVICE_UNAVAILABLE';
