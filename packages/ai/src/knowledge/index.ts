export { retrieveFaq } from './retrieve.js';
export type { FaqEntry, FaqMatch } from './types.js';
