// Measures FAQ retrieval on the labelled buyer questions (faq-questions.ts) over the demo FAQs.
//
// Figures (127 questions with an answer, 61 'none', 188 in all):
//   first run, threshold "half the buyer's terms matched": top-1 FILL_FIRST_TOP1, none FILL_FIRST_NONE
//   final, rule in packages/ai/src/knowledge/retrieve.ts:  top-1 FILL_FINAL_TOP1, none FILL_FINAL_NONE
import { retrieveFaq, type FaqEntry } from '@sara/ai';
import { describe, expect, it } from 'vitest';
import { DEMO_FAQ } from './demo-faq.js';
import { FAQ_QUESTIONS } from './faq-questions.js';

const faqOf = (productId: string): FaqEntry[] => {
  const entries = DEMO_FAQ[productId];
  if (!entries) throw new Error(`no demo FAQ for ${productId}`);
  return entries;
};

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}% (${part}/${whole})`;

describe('FAQ retrieval over the demo products', () => {
  it('has a labelled set large and varied enough to measure with', () => {
    const none = FAQ_QUESTIONS.filter((question) => question.expected === 'none').length;
    expect(FAQ_QUESTIONS.length).toBeGreaterThanOrEqual(150);
    expect(none / FAQ_QUESTIONS.length).toBeGreaterThanOrEqual(0.3);
    for (const question of FAQ_QUESTIONS) {
      if (question.expected !== 'none') expect(faqOf(question.productId)[question.expected]).toBeDefined();
    }
  });

  it('answers with the right entry and recognises what the FAQ does not cover', () => {
    const answerable = FAQ_QUESTIONS.filter((question) => question.expected !== 'none');
    const uncovered = FAQ_QUESTIONS.filter((question) => question.expected === 'none');
    const misses: string[] = [];
    let rightTop1 = 0;
    for (const question of answerable) {
      const [best] = retrieveFaq(faqOf(question.productId), question.text);
      if (best?.index === question.expected) rightTop1 += 1;
      else misses.push(`  ${question.productId} "${question.text}": expected #${question.expected}, got ${best ? `#${best.index}` : 'none'}`);
    }
    let recognisedNone = 0;
    for (const question of uncovered) {
      const matches = retrieveFaq(faqOf(question.productId), question.text);
      if (matches.length === 0) recognisedNone += 1;
      else misses.push(`  ${question.productId} "${question.text}": expected none, got #${matches[0]!.index}`);
    }
    console.log(
      [
        `FAQ retrieval: top-1 ${percent(rightTop1, answerable.length)}, none recognised ${percent(recognisedNone, uncovered.length)}`,
        ...(misses.length > 0 ? ['misses:', ...misses] : []),
      ].join('\n'),
    );
    expect(rightTop1 / answerable.length).toBeGreaterThanOrEqual(0.9);
    expect(recognisedNone / uncovered.length).toBeGreaterThanOrEqual(0.9);
  });

  it("never answers with another product's entry", () => {
    const productIds = Object.keys(DEMO_FAQ);
    let asked = 0;
    let answeredByOther = 0;
    for (const question of FAQ_QUESTIONS) {
      const own = faqOf(question.productId);
      for (const match of retrieveFaq(own, question.text, { limit: 10 })) {
        expect(own[match.index]).toEqual({ question: match.question, answer: match.answer });
      }
      for (const otherId of productIds.filter((id) => id !== question.productId)) {
        const other = faqOf(otherId);
        const matches = retrieveFaq(other, question.text, { limit: 10 });
        asked += 1;
        if (matches.length > 0) answeredByOther += 1;
        for (const match of matches) {
          // The match is the other product's entry at that index, and not a text of the asking product.
          expect(other[match.index]).toEqual({ question: match.question, answer: match.answer });
          expect(own.some((entry) => entry.answer === match.answer && !other.includes(entry))).toBe(false);
        }
      }
    }
    console.log(
      `FAQ retrieval, cross-product: ${asked} questions asked of the other products' FAQs, ${answeredByOther} answered from that product's own entries (e.g. its guarantee), 0 from the asking product's`,
    );
  });
});
