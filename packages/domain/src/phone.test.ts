import { describe, expect, it } from 'vitest';
import { phoneVariants, whatsappIdToE164 } from './phone.js';

describe('phones', () => {
  it.each([
    ['+5511987654321', ['+5511987654321', '+551187654321']],
    ['+551187654321', ['+551187654321', '+5511987654321']],
    ['+551133334444', ['+551133334444']],
    ['+14155550100', ['+14155550100']],
  ])('%s is also known as %j', (phone, variants) => {
    expect(phoneVariants(phone)).toEqual(variants);
  });

  it("normalises Meta's digits-only ids to E.164", () => {
    expect(whatsappIdToE164('5511987654321')).toBe('+5511987654321');
    expect(whatsappIdToE164('abc')).toBeUndefined();
  });
});
