import { describe, expect, it } from 'vitest';
import { normalizeMessage } from './normalize.js';

describe('normalizeMessage', () => {
  it.each([
    ['SAIR', 'sair'],
    ['Sair!!', 'sair'],
    ['Não quero mais', 'nao quero mais'],
    ['Pára, por favor.', 'para por favor'],
    ['Ñ QUERO', 'n quero'],
    ['como faço pra sair dessa lista?', 'como faco pra sair dessa lista'],
    ['SAIRRRR', 'sair'],
    ['paaaara', 'para'],
    ['pááára', 'para'],
    ['kkkkkk', 'k'],
    ['carro de interesse', 'carro de interesse'],
    ['Stop 🛑', 'stop'],
    ['sair👋obrigado', 'sair obrigado'],
    ['👍🏽 ok', 'ok'],
    ['me-tire...da   lista', 'me tire da lista'],
    ['  \n parar\t', 'parar'],
    ['R$ 1.200,00 em 12x', 'r 1 200 00 em 12x'],
    ['😡😡😡', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeMessage(input)).toBe(expected);
  });
});
