import { FactSources, formatBrl, OfflineBrain, retrieveFaq, ungroundedFacts, type ConversationBrain, type ReplyDecision, type ReplyRequest } from '@sara/ai';
import type { ProductOfferView } from '../recovery/product-offer-catalog.js';

/** Enough for a paraphrase to find its entry among near ones, few enough to keep the prompt small. */
const RETRIEVED_ENTRIES = 3;
const offlineBrain = new OfflineBrain();

export type GroundedDecision = {
  decision: ReplyDecision;
  /** What the reply may state: the offer and the retrieved entries (the composer keeps their prices). */
  sources: FactSources;
  /** Kinds of the facts a model invented, when its reply was thrown away for them. */
  rejectedFacts: string[];
};

/**
 * Asks the brain with the offer's FAQ entries that answer the message, and keeps its reply only
 * if every number, price, percentage, deadline and link in it is one the shop wrote. A model
 * reply that states anything else is replaced by the offline brain's, which quotes the entry
 * itself (or promises the team): never a guess sent to a buyer.
 */
export async function decideGroundedReply(
  brain: ConversationBrain,
  request: Omit<ReplyRequest, 'knowledge'>,
  offer: Pick<ProductOfferView, 'paymentLink' | 'discountLink' | 'discountPercent' | 'faq'> | null,
  eventPaymentLink: string | null,
): Promise<GroundedDecision> {
  const knowledge = retrieveFaq(offer?.faq ?? [], request.message, { limit: RETRIEVED_ENTRIES });
  const sources = new FactSources([
    request.productName,
    offer?.paymentLink ?? '',
    offer?.discountLink ?? '',
    eventPaymentLink ?? '',
    request.productValue === null ? '' : formatBrl(request.productValue),
    offer?.discountPercent == null ? '' : `${offer.discountPercent}%`,
    ...knowledge.flatMap((entry) => [entry.question, entry.answer]),
  ]);
  const grounded: ReplyRequest = { ...request, knowledge };
  const decision = await brain.decide(grounded);
  if (decision.source !== 'openai' || decision.intent === 'opt_out') return { decision, sources, rejectedFacts: [] };

  const invented = ungroundedFacts(decision.reply, sources);
  if (invented.length === 0) return { decision, sources, rejectedFacts: [] };
  const replacement = await offlineBrain.decide(grounded);
  return {
    decision: {
      ...replacement,
      source: 'fallback',
      error: 'ungrounded',
      // The call was made and paid for: keep what identifies it.
      model: decision.model,
      responseId: decision.responseId,
      tokensUsed: decision.tokensUsed,
      latencyMs: decision.latencyMs + replacement.latencyMs,
    },
    sources,
    rejectedFacts: [...new Set(invented.map((fact) => fact.kind))],
  };
}
