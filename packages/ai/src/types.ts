/** Closed sets, shared by the JSON schema sent to the model and the zod check of its answer. */
export const INTENTS = ['price_question', 'objection', 'confirmation', 'payment_issue', 'question', 'opt_out', 'unclear'] as const;
export type Intent = (typeof INTENTS)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export type ConversationTurn = { from: 'sara' | 'user'; text: string };

/** What the buyer left behind, as the abandonment's kind says; the first message already named it. */
export const SITUATIONS = ['cart', 'pix_generated', 'pix_expired', 'boleto_printed', 'boleto_expired'] as const;
export type Situation = (typeof SITUATIONS)[number];

import type { FaqMatch } from './knowledge/index.js';

export type ReplyRequest = {
  buyerFirstName: string;
  productName: string;
  /** In BRL; null when the checkout did not tell us. */
  productValue: number | null;
  /** Whether a discount link exists; without one the reply must never promise a discount. */
  hasDiscount: boolean;
  /** Absent means an abandoned cart. */
  situation?: Situation;
  /** Oldest first, at most the last 10 turns (the caller trims). */
  history: ConversationTurn[];
  /** The buyer's new message. */
  message: string;
  /**
   * The merchant's FAQ entries retrieved for this message, best first: the only product facts
   * the reply may state. Empty or absent means nothing the merchant wrote answers it.
   */
  knowledge?: readonly FaqMatch[];
};

export type ReplyDecision = {
  intent: Intent;
  sentiment: Sentiment;
  wantsDiscount: boolean;
  /** Text only: the caller appends payment/discount links and never trusts this for prices. */
  reply: string;
  source: 'openai' | 'offline' | 'fallback';
  model?: string;
  responseId?: string;
  tokensUsed?: number;
  latencyMs: number;
  /** Why a fallback was used: 'timeout' | 'api_error:<status or code>' | 'invalid_output' | 'ungrounded'. */
  error?: string;
  /** The FAQ entry (its position in the offer's list) whose facts the reply states, if any. */
  faqEntry?: number | null;
  /** The buyer asked about the product and no FAQ entry answers it: the reply promised to ask the team. */
  unanswered?: boolean;
};

export interface ConversationBrain {
  readonly kind: 'openai' | 'offline';
  /** Never rejects: a failure becomes a `source: 'fallback'` decision, so the buyer always gets an answer. */
  decide(request: ReplyRequest): Promise<ReplyDecision>;
}

/**
 * Sent when the model is unavailable or answered nonsense. It owns up to the hiccup and asks for
 * the message again, so the buyer has a reason to keep talking; it promises nothing (no link,
 * no price) because we do not know what was asked.
 */
export const FALLBACK_REPLY = 'Desculpa, tive um probleminha aqui e não consegui entender sua mensagem direito. Pode me mandar de novo, por favor?';
