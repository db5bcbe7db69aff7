import { normalizeMessage } from './normalize.js';

/** Shared by the keyword rules (detector.ts) and the phrase rules (phrases.ts). */
export type Tokens = readonly string[];

/** Whole words only; a pattern word ending in `*` matches any word it starts, and `$` the end of the clause. */
export function matchesAt(tokens: Tokens, at: number, pattern: readonly string[]): boolean {
  return pattern.every((word, offset) => {
    const token = tokens[at + offset];
    if (word === '$') return token === undefined;
    if (token === undefined) return false;
    return word.endsWith('*') ? token.startsWith(word.slice(0, -1)) : token === word;
  });
}

export function occursIn(tokens: Tokens, pattern: string): boolean {
  const words = split(pattern);
  return tokens.some((_, at) => matchesAt(tokens, at, words));
}

export function tokenize(text: string): string[] {
  const normalized = normalizeMessage(text);
  return normalized ? normalized.split(' ') : [];
}

export function split(pattern: string): string[] {
  return pattern.split(' ');
}
