export { normalizeMessage } from './normalize.js';
export { detectOptOut, type OptOutVerdict } from './detector.js';
export { OptOutKeywordCache } from './keyword-cache.js';
