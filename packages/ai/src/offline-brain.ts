import { normalizeForMatching } from './normalize.js';
import { answerFromFaq, isAboutPaying, mayAnswerFromFaq, promiseToAskTheTeam } from './offline-knowledge.js';
import { hashSeed, pickReply } from './offline-replies.js';
import { classifyMessage } from './offline-rules.js';
import type { ConversationBrain, ReplyDecision, ReplyRequest } from './types.js';

/** Recorded as the decision's model, so offline replies are told apart from GPT ones in the data. */
const OFFLINE_MODEL = 'sara-offline-rules-v2';

/**
 * Keyword rules and pt-BR templates: what answers when no OPENAI_API_KEY is set, so a fresh
 * checkout holds a real conversation, and what tests use for a predictable brain. Same request,
 * same decision (latency aside). A doubt is answered from the FAQ entry retrieved for it; a
 * question about the product that no entry answers is promised to the team, never guessed.
 */
export class OfflineBrain implements ConversationBrain {
  readonly kind = 'offline' as const;

  async decide(request: ReplyRequest): Promise<ReplyDecision> {
    const startedAt = performance.now();
    const { intent, sentiment, wantsDiscount } = classifyMessage(request.message);
    const normalized = normalizeForMatching(request.message);
    // The turn count joins the seed so a buyer repeating themselves gets a different wording.
    const seed = hashSeed(`${normalized}|${request.history.length}`);
    const name = request.buyerFirstName.trim();
    const hi = name ? `, ${name}` : '';
    const best = request.knowledge?.[0];

    let reply: string;
    let faqEntry: number | null = null;
    let unanswered = false;
    if (best && mayAnswerFromFaq(intent, wantsDiscount)) {
      reply = answerFromFaq(best.answer, hi, seed);
      faqEntry = best.index;
    } else if (intent === 'question' && !isAboutPaying(normalized)) {
      reply = promiseToAskTheTeam(hi, request.productName.trim() || 'o produto', seed);
      unanswered = true;
    } else {
      reply = pickReply(intent, { name, product: request.productName, hasDiscount: request.hasDiscount, wantsDiscount, situation: request.situation }, seed);
    }
    return {
      intent,
      sentiment,
      wantsDiscount,
      reply,
      source: 'offline',
      model: OFFLINE_MODEL,
      tokensUsed: 0,
      latencyMs: Math.round(performance.now() - startedAt),
      faqEntry,
      unanswered,
    };
  }
}
