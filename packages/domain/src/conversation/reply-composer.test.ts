import { describe, expect, it } from 'vitest';
import { composeReply, shouldOfferDiscount } from './reply-composer.js';

const links = { paymentLink: 'https://pay.example.com/p', discountLink: 'https://pay.example.com/p?d=1' };

describe('composeReply', () => {
  it('removes every link, amount and percentage the model wrote, and appends the real links', () => {
    const reply = composeReply('Oi! Veja https://x.io/a, www.y.com, loja.com.br/promo e pague R$ 49,90 com 30% off.', links, {
      offerDiscount: true,
      maxChars: 700,
    });
    expect(reply).not.toMatch(/x\.io|y\.com|loja\.com|49,90|30 ?%/);
    expect(reply.endsWith('Para finalizar sua compra: https://pay.example.com/p\nCom desconto especial: https://pay.example.com/p?d=1')).toBe(true);
  });

  it('cuts the model text at a sentence boundary so the whole reply fits the limit', () => {
    const long = 'Frase curta aqui. '.repeat(60);
    const reply = composeReply(long, links, { offerDiscount: false, maxChars: 300 });
    expect([...reply].length).toBeLessThanOrEqual(300);
    expect(reply).toContain('Para finalizar sua compra: https://pay.example.com/p');
    expect(reply.split('\n\n')[0]?.endsWith('.')).toBe(true);
  });

  it('never exceeds WhatsApp own limit even when configured above it', () => {
    expect([...composeReply('a'.repeat(10_000), links, { offerDiscount: false, maxChars: 9_000 })].length).toBeLessThanOrEqual(4_096);
  });

  it('leaves the links out when told to', () => {
    expect(composeReply('Tudo bem.', links, { offerDiscount: true, maxChars: 700, withLinks: false })).toBe('Tudo bem.');
  });
});

describe('shouldOfferDiscount', () => {
  const base = { intent: 'question', wantsDiscount: false, value: 100, earlierOffers: 0, discountLink: 'x' };
  it.each([
    ['a price question', { intent: 'price_question' }, true],
    ['a buyer asking for a better price', { wantsDiscount: true }, true],
    ['a cart above R$ 500', { value: 500.01 }, true],
    ['a cart of exactly R$ 500', { value: 500 }, false],
    ['a plain question on a small cart', {}, false],
    ['a fourth offer', { intent: 'price_question', earlierOffers: 3 }, false],
    ['a product without a discount link', { intent: 'price_question', discountLink: null }, false],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(shouldOfferDiscount({ ...base, ...overrides }, { minCartValue: 500, maxOffers: 3 })).toBe(expected);
  });

  it("follows the shop's own thresholds", () => {
    const rule = { minCartValue: 150, maxOffers: 1 };
    expect(shouldOfferDiscount({ ...base, value: 200 }, rule)).toBe(true);
    expect(shouldOfferDiscount({ ...base, value: 200, earlierOffers: 1 }, rule)).toBe(false);
  });
});
