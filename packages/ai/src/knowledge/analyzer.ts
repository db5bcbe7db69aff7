import { stemmer } from '@orama/stemmers/portuguese';
import { normalizeForMatching } from '../normalize.js';
import { PHRASES, SHORTHANDS, STOP_WORDS, SYNONYM_GROUPS } from './vocabulary.js';

// One analyzer for both sides: the FAQ is indexed and the buyer's question is searched with the
// same folding, so "Devolução", "devolucao" and "devoluçao" all become the same term.

/** Concept terms start with a character no folded word has, so they never collide with a stem. */
export const CONCEPT_MARK = '_';

/**
 * Longer messages are not better questions, and MiniSearch's cost grows with the number of query
 * terms (each one fuzzy-expanded), so a pasted 5,000-character text is cut to this many terms.
 */
export const MAX_QUERY_TERMS = 24;

/** The same folding as every other matcher of buyers' text. */
export const foldText = normalizeForMatching;

/**
 * The Snowball stemmer expects accented text and strips "ção"/"ções"/"ência" only when it sees
 * them; folded input would leave "certificaca" next to "certificado". Restoring those endings
 * first makes the stem the same whether or not the buyer typed the accent.
 */
function stemFolded(word: string): string {
  const accented = word
    .replace(/cao$/, 'ção')
    .replace(/coes$/, 'ções')
    .replace(/encia$/, 'ência');
  return foldText(stemmer(accented));
}

const conceptByStem: ReadonlyMap<string, string> = new Map(
  Object.entries(SYNONYM_GROUPS).flatMap(([concept, words]) => words.map((word) => [stemFolded(word), `${CONCEPT_MARK}${concept}`] as const)),
);

const conceptByWord: ReadonlyMap<string, string> = new Map(Object.entries(SYNONYM_GROUPS).map(([concept]) => [concept, `${CONCEPT_MARK}${concept}`] as const));

function expandShorthands(words: string[]): string[] {
  return words.flatMap((word) => {
    const expansion = SHORTHANDS[word];
    return expansion === undefined ? [word] : expansion.split(' ').filter(Boolean);
  });
}

function rewritePhrases(folded: string): string {
  return PHRASES.reduce((text, [pattern, concept]) => text.replace(pattern, ` ${concept} `), folded);
}

/** The term a single folded, non-stop word is indexed and searched as. */
export function termOf(word: string): string {
  const direct = conceptByWord.get(word);
  if (direct) return direct;
  const stem = stemFolded(word);
  return conceptByStem.get(stem) ?? stem;
}

/**
 * The terms of a text: folded, shorthands expanded, phrases and synonyms collapsed to concepts,
 * stop words and one-letter leftovers dropped, the rest stemmed. Duplicates are kept for
 * indexing (term frequency matters to BM25) and removed by the query side.
 */
export function analyze(text: string): string[] {
  // Shorthands first, so "vc tira duvida" reaches the phrase rules as "voce tira duvida".
  const words = expandShorthands(foldText(text).split(' '));
  const rewritten = rewritePhrases(words.join(' ')).split(/\s+/u);
  const terms: string[] = [];
  for (const word of rewritten) {
    if (word.length < 2 && !/\d/u.test(word)) continue;
    if (STOP_WORDS.has(word)) continue;
    terms.push(termOf(word));
  }
  return terms;
}

/** The distinct terms of a buyer's question, in order, at most MAX_QUERY_TERMS of them. */
export function queryTerms(question: string): string[] {
  // Only the head of a very long message is analysed: the cap below would drop the rest anyway.
  return [...new Set(analyze(question.slice(0, 2_000)))].slice(0, MAX_QUERY_TERMS);
}
