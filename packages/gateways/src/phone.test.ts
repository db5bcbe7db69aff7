import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone.js';

const NOT_VALID_BR = 'is not a valid phone number (read as BR when it has no country code)';

describe('normalizePhone: the usual shapes read as E.164', () => {
  it.each([
    ['+55 11 99999-9999', '+5511999999999'],
    ['+55 (11) 98765-4321', '+5511987654321'],
    ['+55 11 98765 4321', '+5511987654321'],
    ['+5511987654321', '+5511987654321'],
    // Digits only, national: area code + nine-digit mobile.
    ['11987654321', '+5511987654321'],
    ['(21) 99876-5432', '+5521998765432'],
    ['(31)98765-4321', '+5531987654321'],
    ['11 98765.4321', '+5511987654321'],
    // Digits that already start with the country code, as WhatsApp writes them.
    ['5511987654321', '+5511987654321'],
    ['55 11 98765-4321', '+5511987654321'],
    // Trunk prefix 0 + carrier code 55 (Claro's CSP), as dialled for a long-distance call.
    ['055 11 98765-4321', '+5511987654321'],
    ['05511987654321', '+5511987654321'],
    // 00, the international prefix dialled from abroad.
    ['0055 11 98765-4321', '+5511987654321'],
    // Trunk prefix 0 before the area code.
    ['011 98765-4321', '+5511987654321'],
    // Landlines: eight digits starting 2–5.
    ['(11) 3456-7890', '+551134567890'],
    ['1134567890', '+551134567890'],
    ['+55 21 2345-6789', '+552123456789'],
    // Surrounding whitespace is not part of the number.
    ['  (11) 98765-4321\t', '+5511987654321'],
    // Foreign numbers, by their country code.
    ['+1 415 555 2671', '+14155552671'],
    ['+351 912 345 678', '+351912345678'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%j → %s', (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164 });
  });
});

describe('normalizePhone: the default country', () => {
  it('reads a number without a plus in the given default country', () => {
    expect(normalizePhone('912 345 678', 'PT')).toEqual({ ok: true, e164: '+351912345678' });
    // The same digits are no Brazilian number.
    expect(normalizePhone('912 345 678')).toEqual({ ok: false, reason: NOT_VALID_BR });
  });
});

describe('normalizePhone: refusals and their reasons', () => {
  it.each([
    // The shape of the damaged phones in the Hotmart fixtures.
    ['+55 11 94008-e980', 'contains letters'],
    ['+55 11 99344-078a', 'contains letters'],
    ['555-555-BILL', 'contains letters'],
    ['+55 11 3456-7890 ramal 12', 'contains letters'],
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['\t\n', 'is empty'],
    ['11*98765', 'contains characters a phone number cannot have'],
    ['+55#11987654321', 'contains characters a phone number cannot have'],
    ['11987654321;', 'contains characters a phone number cannot have'],
    ['++5511987654321', 'contains characters a phone number cannot have'],
    // Too short to be anything.
    ['1234', NOT_VALID_BR],
    ['(11) 1234', NOT_VALID_BR],
    ['98765-4321', NOT_VALID_BR],
    // Right length, impossible range: no area code 00, mobiles start with 9, landlines with 2–5.
    ['+55 00 0000-0000', NOT_VALID_BR],
    ['+5511887654321', NOT_VALID_BR],
    ['+55 11 0876-5432', NOT_VALID_BR],
    // A pre-2016 eight-digit mobile, without the leading 9.
    ['(11) 8765-4321', NOT_VALID_BR],
    // No such country code; a US number one digit short.
    ['+999 123456789', NOT_VALID_BR],
    ['+1 415 555 267', NOT_VALID_BR],
  ])('%j → %s', (raw, reason) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, reason });
  });
});
