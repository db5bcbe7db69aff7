import { describe, expect, it } from 'vitest';
import { analyze, foldText, MAX_QUERY_TERMS, queryTerms, termOf } from './analyzer.js';

describe('FAQ analyzer', () => {
  it('folds case, accents, punctuation, emoji and stretched letters', () => {
    expect(foldText('DEVOLUÇÃO??? 😍 Garantiaaaa!')).toBe('devolucao garantia');
    expect(foldText('  É  vitalício…  ')).toBe('e vitalicio');
  });

  it('gives accented and unaccented spellings the same terms', () => {
    expect(analyze('certificação')).toEqual(analyze('certificacao'));
    expect(analyze('prestações')).toEqual(analyze('prestacoes'));
    expect(analyze('experiência')).toEqual(analyze('experiencia'));
    expect(analyze('Cardápio')).toEqual(analyze('cardapio'));
  });

  it('stems plurals and verb forms together', () => {
    expect(analyze('receitas')).toEqual(analyze('receita'));
    expect(analyze('seguidores')).toEqual(analyze('seguidor'));
    expect(analyze('encontros')).toEqual(analyze('encontro'));
  });

  it('collapses each synonym group to one concept', () => {
    const refund = termOf('reembolso');
    for (const word of ['devolucao', 'devolver', 'garantia', 'estorno']) expect(termOf(word)).toBe(refund);
    expect(analyze('quero meu dinheiro de volta')).toEqual([refund]);
    const installments = termOf('parcelar');
    for (const text of ['da pra dividir?', 'em 12x', 'em quantas vezes', 'prestação']) expect(analyze(text)).toEqual([installments]);
    expect(analyze('fica pra sempre?')).toContain(termOf('vitalicio'));
    expect(analyze('vcs tiram duvida?')).toEqual([termOf('suporte')]);
    expect(termOf('diploma')).toBe(termOf('certificado'));
    expect(termOf('frete')).toBe(termOf('entrega'));
    expect(termOf('pix')).toBe(termOf('boleto'));
    expect(analyze('tem app?')).toEqual([termOf('celular')]);
  });

  it('expands WhatsApp shorthand and common typos', () => {
    expect(analyze('vc tb tem certificao?')).toEqual([termOf('certificado')]);
    expect(analyze('qnto tempo')).toEqual(analyze('quanto tempo'));
    expect(analyze('pq q vcs n respondem')).toEqual(analyze('porque que voces nao respondem'));
    expect(analyze('tem no zap?')).toEqual(analyze('tem no whatsapp?'));
  });

  it('drops stop words and the generic product nouns, keeping only what the buyer asks about', () => {
    expect(analyze('o que é que tem no curso?')).toEqual([]);
    expect(analyze('qual é o produto, como é o ebook?')).toEqual([]);
    expect(analyze('oi tudo bem? blz kkkk')).toEqual([]);
    expect(analyze('o curso tem desconto?')).toEqual(analyze('desconto'));
  });

  it('caps a very long question to a bounded number of distinct terms', () => {
    const long = 'quero saber sobre garantia reembolso parcelamento e também '.repeat(100) + Array.from({ length: 400 }, (_, i) => `palavra${i}`).join(' ');
    const terms = queryTerms(long);
    expect(terms.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
    expect(new Set(terms).size).toBe(terms.length);
  });
});
