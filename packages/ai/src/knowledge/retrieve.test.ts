import { describe, expect, it } from 'vitest';
import { buildFaqIndex, faqIndexCache } from './faq-index.js';
import { retrieveFaq } from './index.js';
import type { FaqEntry } from './types.js';

const FAQ: FaqEntry[] = [
  { question: 'O acesso é vitalício?', answer: 'Sim, o acesso é para sempre.' },
  { question: 'Tem garantia?', answer: 'Tem garantia de 7 dias: devolvemos 100% do valor.' },
  { question: 'Posso parcelar?', answer: 'Pode, em até 12x no cartão.' },
  { question: 'Tem certificado?', answer: 'Tem, um certificado digital de conclusão.' },
];

describe('retrieveFaq', () => {
  it('finds the entry through synonyms, missing accents and typos', () => {
    expect(retrieveFaq(FAQ, 'e se eu nao gostar, tem devoluçao?')[0]?.index).toBe(1);
    expect(retrieveFaq(FAQ, 'quero estorno')[0]?.index).toBe(1);
    expect(retrieveFaq(FAQ, 'da pra dividir em 10 vezes?')[0]?.index).toBe(2);
    expect(retrieveFaq(FAQ, 'o acesso expira?')[0]?.index).toBe(0);
    expect(retrieveFaq(FAQ, 'vcs dao diploma?')[0]?.index).toBe(3);
    expect(retrieveFaq(FAQ, 'tem certifcado?')[0]?.index).toBe(3);
  });

  it('returns the entry itself with its position and a score, best first', () => {
    const [best] = retrieveFaq(FAQ, 'tem garantia?');
    expect(best).toMatchObject({ index: 1, question: FAQ[1]!.question, answer: FAQ[1]!.answer });
    expect(best!.score).toBeGreaterThan(0);
    const twoAboutRefunds = [...FAQ, { question: 'Como peço o reembolso?', answer: 'Pelo e-mail, em até 7 dias.' }];
    expect(
      retrieveFaq(twoAboutRefunds, 'tem garantia?', { limit: 5 })
        .map((match) => match.index)
        .sort(),
    ).toEqual([1, 4]);
    expect(retrieveFaq(twoAboutRefunds, 'tem garantia?', { limit: 1 })).toHaveLength(1);
  });

  it('answers "none" when only generic words or uncovered doubts are shared', () => {
    expect(retrieveFaq(FAQ, 'o curso tem desconto pra estudante?')).toEqual([]);
    expect(retrieveFaq(FAQ, 'qual é o produto?')).toEqual([]);
    expect(retrieveFaq(FAQ, 'posso compartilhar o acesso com minha socia?')).toEqual([]);
  });

  it('returns nothing for an empty FAQ, an empty question or an emoji-only one', () => {
    expect(retrieveFaq([], 'tem garantia?')).toEqual([]);
    expect(retrieveFaq(FAQ, '')).toEqual([]);
    expect(retrieveFaq(FAQ, '   ?!  ')).toEqual([]);
    expect(retrieveFaq(FAQ, '👍🙏😍')).toEqual([]);
  });

  it('answers a 5,000-character question in bounded time', () => {
    const question = `${'blá '.repeat(600)}tem garantia? ${'x'.repeat(2_000)}`.slice(0, 5_000);
    const startedAt = performance.now();
    const matches = retrieveFaq(FAQ, question);
    expect(performance.now() - startedAt).toBeLessThan(200);
    expect(matches.every((match) => FAQ[match.index]!.answer === match.answer)).toBe(true);
  });

  it('uses a new index when the merchant edits the entries, and the cached one otherwise', () => {
    faqIndexCache.clear();
    const before = FAQ.map((entry) => ({ ...entry }));
    expect(retrieveFaq(before, 'tem garantia?')[0]?.answer).toContain('7 dias');
    expect(
      retrieveFaq(
        before.map((entry) => ({ ...entry })),
        'tem garantia?',
      )[0]?.answer,
    ).toContain('7 dias');
    expect(faqIndexCache.size()).toBe(1);

    const edited = before.map((entry, index) => (index === 1 ? { ...entry, answer: 'Tem garantia de 30 dias.' } : entry));
    expect(retrieveFaq(edited, 'tem garantia?')[0]?.answer).toBe('Tem garantia de 30 dias.');
    expect(faqIndexCache.size()).toBe(2);
    expect(retrieveFaq(before, 'tem garantia?')[0]?.answer).toContain('7 dias');
  });

  it('keeps the cache bounded', () => {
    faqIndexCache.clear();
    for (let i = 0; i < 200; i += 1) retrieveFaq([{ question: `Tem garantia ${i}?`, answer: 'Tem.' }], 'tem garantia?');
    expect(faqIndexCache.size()).toBeLessThanOrEqual(64);
  });

  it('builds an index of 100 entries in a few milliseconds', () => {
    const entries = Array.from({ length: 100 }, (_, i) => ({
      question: `Pergunta ${i}: o acesso ao módulo ${i} é vitalício, tem garantia e dá para parcelar?`,
      answer: `Resposta ${i}: sim, o acesso é para sempre, a garantia é de 7 dias conforme o artigo 49 do CDC e você parcela em até 12x no cartão. Qualquer dúvida, fale com o suporte pelo WhatsApp de segunda a sexta.`,
    }));
    buildFaqIndex(entries);
    const runs = 20;
    const startedAt = performance.now();
    for (let run = 0; run < runs; run += 1) buildFaqIndex(entries);
    const perBuild = (performance.now() - startedAt) / runs;
    console.log(`FAQ index: ${perBuild.toFixed(2)} ms to build for 100 entries`);
    expect(perBuild).toBeLessThan(100);
  });
});
