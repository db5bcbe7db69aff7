import { describe, expect, it } from 'vitest';
import { normalizeForMatching } from './normalize.js';

describe('normalizeForMatching', () => {
  it.each([
    ['PREÇO??', 'preco'],
    ['Não consegui pagar!!!', 'nao consegui pagar'],
    ['  siiiim,   quero  ', 'sim quero'],
    ['tá caaaaro demais 😩', 'ta caro demais'],
    ['carro e passagem', 'carro e passagem'],
    ['R$ 1.234,56', 'r 1 234 56'],
    ['kkkkkk', 'k'],
    ['Ação\nÉ ótima', 'acao e otima'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeForMatching(input)).toBe(expected);
  });
});
