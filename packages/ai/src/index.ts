export { normalizeForMatching } from './normalize.js';
export { FactSources, statedFacts, ungroundedFacts, type StatedFact } from './grounding.js';
export { retrieveFaq, type FaqEntry, type FaqMatch } from './knowledge/index.js';
export { OfflineBrain } from './offline-brain.js';
export { formatBrl, loadReplyPrompt, PROMPT_VERSION, renderReplyPrompt } from './prompt.js';
export {
  FALLBACK_REPLY,
  INTENTS,
  SENTIMENTS,
  SITUATIONS,
  type ConversationBrain,
  type ConversationTurn,
  type Intent,
  type ReplyDecision,
  type ReplyRequest,
  type Sentiment,
  type Situation,
} from './types.js';
