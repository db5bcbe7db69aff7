import { describe, expect, it } from 'vitest';
import { FactSources, statedFacts, ungroundedFacts } from './grounding.js';

const sources = new FactSources([
  'E-book Receitas Low Carb',
  'https://pay.example.com/ebook',
  'R$ 47,00',
  '15%',
  'Tem garantia? | Você tem sete dias de garantia incondicional.',
  'Posso parcelar? | Em até 12x de R$ 4,90 no cartão, ou R$ 1.234,56 à vista. Promoção até sexta.',
]);
const invented = (reply: string) => ungroundedFacts(reply, sources).map((fact) => fact.text);

describe('statedFacts', () => {
  it('finds links, numbers in any Brazilian notation, numbers in words and deadlines', () => {
    expect(statedFacts('Veja em https://x.example.com/a. Custa R$ 1.234,56, 12x, sete dias, só hoje!')).toEqual([
      { kind: 'link', text: 'https://x.example.com/a' },
      { kind: 'number', text: '1.234,56' },
      { kind: 'number', text: '12' },
      { kind: 'number', text: 'sete' },
      { kind: 'deadline', text: 'so hoje' },
    ]);
  });

  it('finds nothing in a plain friendly sentence', () => {
    expect(statedFacts('Claro, Ana! O acesso é vitalício e você pode ler no celular.')).toEqual([]);
  });
});

describe('ungroundedFacts', () => {
  it('accepts what the offer and the retrieved entries state, however it is written', () => {
    expect(invented('Sim! São 7 dias de garantia, e dá para pagar em 12x de R$ 4,90.')).toEqual([]);
    expect(invented('O valor é R$ 47 e com o cupom sai 15% mais barato: https://pay.example.com/ebook')).toEqual([]);
    expect(invented('À vista fica R$ 1234,56, mas a promoção é até sexta.')).toEqual([]);
  });

  it('rejects every invented number, price, percentage, deadline and link', () => {
    expect(invented('Tem 30 dias de garantia!')).toEqual(['30']);
    expect(invented('Hoje sai por R$ 39,90 com 20% off.')).toEqual(['39,90', '20']);
    expect(invented('Garanta em https://evil.example.com')).toEqual(['https://evil.example.com']);
    expect(invented('O desconto acaba amanhã, são as últimas vagas.')).toEqual(['amanha', 'ultimas vagas']);
    expect(invented('Parcela em dez vezes.')).toEqual(['dez']);
  });

  it('grounds nothing when there are no sources', () => {
    expect(ungroundedFacts('Em 12x', new FactSources([]))).toHaveLength(1);
    expect(new FactSources([]).allowsAll('sem números')).toBe(true);
  });
});
