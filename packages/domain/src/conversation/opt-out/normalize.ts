import { normalizeForMatching } from '@sara/ai';

/**
 * The form every opt-out keyword and every buyer message is compared in: lowercase, no accents,
 * no punctuation or emoji (a space instead, since buyers use them as separators: "sair👋obrigado"),
 * emphasis collapsed ("SAIRRRR"), single spaces. The same normaliser the offline brain reads
 * with, so both layers see a message alike.
 */
export const normalizeMessage = normalizeForMatching;
