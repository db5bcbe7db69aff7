import { normalizeForMatching } from './normalize.js';
import { hashSeed, pickReply } from './offline-replies.js';
import { classifyMessage } from './offline-rules.js';
import type { ConversationBrain, ReplyDecision, ReplyRequest } from './types.js';

/** Recorded as the decision's model, so offline replies are told apart from GPT ones in the data. */
const OFFLINE_MODEL = 'sara-offline-rules-v1';

/**
 * Keyword rules and pt-BR templates: what answers when no OPENAI_API_KEY is set, so a fresh
 * checkout holds a real conversation, and what tests use for a predictable brain. Same request,
 * same decision (latency aside).
 */
export class OfflineBrain implements ConversationBrain {
  readonly kind = 'offline' as const;

  async decide(request: ReplyRequest): Promise<ReplyDecision> {
    const startedAt = performance.now();
    const { intent, sentiment, wantsDiscount } = classifyMessage(request.message);
    // The turn count joins the seed so a buyer repeating themselves gets a different wording.
    const seed = hashSeed(`${normalizeForMatching(request.message)}|${request.history.length}`);
    const reply = pickReply(
      intent,
      { name: request.buyerFirstName, product: request.productName, hasDiscount: request.hasDiscount, wantsDiscount, situation: request.situation },
      seed,
    );
    return {
      intent,
      sentiment,
      wantsDiscount,
      reply,
      source: 'offline',
      model: OFFLINE_MODEL,
      tokensUsed: 0,
      latencyMs: Math.round(performance.now() - startedAt),
    };
  }
}
