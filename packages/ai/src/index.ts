export { normalizeForMatching } from './normalize.js';
export { FactSources, ungroundedFacts } from './grounding.js';
export { retrieveFaq, type FaqEntry } from './knowledge/index.js';
export { OfflineBrain } from './offline-brain.js';
export { formatBrl, loadReplyPrompt, PROMPT_VERSION, renderReplyPrompt } from './prompt.js';
export {
  FALLBACK_REPLY,
  INTENTS,
  SENTIMENTS,
  SITUATIONS,
  type ConversationBrain,
  type ConversationTurn,
  type ReplyDecision,
  type ReplyRequest,
  type Situation,
} from './types.js';
