import { CONCEPT_MARK, queryTerms } from './analyzer.js';
import { faqIndexFor, QUESTION_BOOST } from './faq-index.js';
import type { FaqEntry, FaqMatch } from './types.js';

export type Candidate = {
  index: number;
  score: number;
  /** The buyer's terms this entry matched (exactly, by prefix or fuzzily). */
  matched: string[];
  /** All of the buyer's terms after analysis. */
  terms: string[];
  /** The buyer's terms that appear nowhere in this FAQ, not even fuzzily. */
  unknown: string[];
  /** Share of the buyer's term weight this entry matched, 0..1. */
  coverage: number;
};

const isConcept = (term: string) => term.startsWith(CONCEPT_MARK);

/** Every entry that shares a term with the question, best first, with what it matched. */
export function rankFaq(entries: readonly FaqEntry[], question: string): Candidate[] {
  const terms = queryTerms(question);
  if (entries.length === 0 || terms.length === 0) return [];
  const { search } = faqIndexFor(entries);
  const results = search.search(terms.join(' '), {
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term,
    combineWith: 'OR',
    boost: { question: QUESTION_BOOST },
    // A concept already unites its spellings; short stems ("pag", "duv") are one edit away from
    // unrelated words, so only longer stems get a typo's allowance.
    fuzzy: (term) => (isConcept(term) || term.length < 5 ? false : 0.2),
    prefix: (term) => !isConcept(term) && term.length >= 4,
    maxFuzzy: 2,
  });
  const known = new Set(results.flatMap((result) => result.queryTerms));
  const unknown = terms.filter((term) => !known.has(term));
  const totalWeight = terms.reduce((sum, term) => sum + termWeight(term), 0);
  // Coverage first: BM25 lets one repeated word in a long answer outrank an entry that matches
  // everything the buyer asked ("qual dia da semana é o encontro?").
  return results
    .map((result) => ({
      index: result.id as number,
      score: result.score,
      matched: result.queryTerms,
      terms,
      unknown,
      coverage: result.queryTerms.reduce((sum, term) => sum + termWeight(term), 0) / totalWeight,
    }))
    .sort((a, b) => b.coverage - a.coverage || b.score - a.score);
}

/**
 * A concept names a doubt buyers actually ask about (refund, installments, access…), so matching
 * one says more than matching a plain word; it counts double in the coverage below.
 */
function termWeight(term: string): number {
  return isConcept(term) ? 2 : 1;
}

export function retrieveFaq(entries: readonly FaqEntry[], question: string, options: { limit?: number } = {}): FaqMatch[] {
  const limit = options.limit ?? 3;
  return rankFaq(entries, question)
    .filter((candidate) => answersConfidently(candidate))
    .slice(0, limit)
    .map((candidate) => {
      const entry = entries[candidate.index]!;
      return { index: candidate.index, question: entry.question, answer: entry.answer, score: candidate.score };
    });
}

/**
 * The "none" rule: an entry answers only if it matches MORE than half of the buyer's term weight.
 * Stop and generic words are already gone, so every remaining term is something the buyer asked
 * about; a term the entry lacks is a part of the question it does not answer. Tuned on
 * scripts/sara/faq-questions.ts: "tem receitas pra airfryer?" (1 of 2 words) and "posso
 * compartilhar o acesso com minha sócia?" (a concept, 2 of 4) sit exactly at one half and are
 * rightly refused, while "tem prazo de validade pra baixar?" (a concept and a word, 3 of 4)
 * passes. A BM25 score threshold was not used: its scale moves with FAQ size and answer length,
 * and the best-scoring "none" questions scored higher than many right answers.
 */
function answersConfidently(candidate: Candidate): boolean {
  return candidate.coverage > 0.5;
}
