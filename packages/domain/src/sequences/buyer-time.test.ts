import { describe, expect, it } from 'vitest';
import { BRAZIL_ZONE_BY_DDD, buyerTimeZone } from './buyer-time.js';
import { isTimeZone } from './zoned-time.js';

const FALLBACK = 'America/Sao_Paulo';

/** The zone's offset in minutes at a given instant, read from Intl. */
function offsetMinutes(zone: string, at = new Date('2026-06-15T12:00:00Z')): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

describe('buyerTimeZone', () => {
  it.each([
    ['+5511987654321', 'America/Sao_Paulo', -180], // São Paulo
    ['+5521987654321', 'America/Sao_Paulo', -180], // Rio de Janeiro
    ['+5561987654321', 'America/Sao_Paulo', -180], // Brasília
    ['+5592987654321', 'America/Manaus', -240],
    ['+5597987654321', 'America/Manaus', -240], // interior Amazonas
    ['+5568987654321', 'America/Rio_Branco', -300], // Acre
    ['+5565987654321', 'America/Cuiaba', -240],
    ['+5566987654321', 'America/Cuiaba', -240],
    ['+5567987654321', 'America/Campo_Grande', -240],
    ['+5569987654321', 'America/Porto_Velho', -240],
    ['+5595987654321', 'America/Boa_Vista', -240],
    ['+5581987654321', 'America/Recife', -180], // not Noronha: see the table's note
    ['+5591987654321', 'America/Belem', -180],
    ['+5593987654321', 'America/Santarem', -180],
    ['+5563987654321', 'America/Araguaina', -180],
    ['+5571987654321', 'America/Bahia', -180],
    ['+5582987654321', 'America/Maceio', -180],
    ['+5579987654321', 'America/Maceio', -180], // Sergipe
    ['+5585987654321', 'America/Fortaleza', -180],
    ['+5598987654321', 'America/Fortaleza', -180], // Maranhão
  ])('%s is in %s (UTC%i min)', (phone, zone, offset) => {
    expect(buyerTimeZone(phone, FALLBACK)).toBe(zone);
    expect(offsetMinutes(zone)).toBe(offset);
  });

  it('reads landlines and pre-ninth-digit mobiles too', () => {
    expect(buyerTimeZone('+556832245566', FALLBACK)).toBe('America/Rio_Branco');
    expect(buyerTimeZone('+559281234567', FALLBACK)).toBe('America/Manaus');
  });

  it.each([
    ['+14155550100', 'another country'],
    ['+351912345678', 'Portugal, whose number also has two digits after the country code'],
    ['+5520987654321', 'an unassigned DDD (20)'],
    ['+5501987654321', 'a DDD starting with 0'],
    ['+55119876543', 'too few digits'],
    ['+551198765432100', 'too many digits'],
    ['5511987654321', 'no plus sign'],
    ['+55 11 98765-4321', 'formatting left in'],
    ['', 'an empty string'],
    ['not a phone', 'garbage'],
  ])('%s (%s) gets the fallback zone', (phone) => {
    expect(buyerTimeZone(phone, 'Europe/Lisbon')).toBe('Europe/Lisbon');
  });

  it('refuses a fallback zone Intl does not know, naming it', () => {
    expect(() => buyerTimeZone('+5511987654321', 'Mars/Olympus')).toThrow(/"Mars\/Olympus"/);
    expect(() => buyerTimeZone('+5511987654321', '')).toThrow(/time zone/);
  });

  it("covers exactly ANATEL's 67 DDDs, each with a zone Intl knows", () => {
    const ddds = Object.keys(BRAZIL_ZONE_BY_DDD).map(Number);
    expect(ddds).toHaveLength(67);
    for (const unassigned of [20, 23, 25, 26, 29, 30, 36, 39, 40, 50, 52, 56, 57, 58, 59, 60, 70, 72, 76, 78, 80, 90]) {
      expect(ddds).not.toContain(unassigned);
    }
    for (const zone of new Set(Object.values(BRAZIL_ZONE_BY_DDD))) expect(isTimeZone(zone)).toBe(true);
  });

  it('puts every DDD outside −03 where its state keeps its clock', () => {
    const notBrasilia = Object.entries(BRAZIL_ZONE_BY_DDD)
      .filter(([, zone]) => offsetMinutes(zone) !== -180)
      .map(([ddd, zone]) => `${ddd} ${zone}`);
    expect(notBrasilia).toEqual([
      '65 America/Cuiaba',
      '66 America/Cuiaba',
      '67 America/Campo_Grande',
      '68 America/Rio_Branco',
      '69 America/Porto_Velho',
      '92 America/Manaus',
      '95 America/Boa_Vista',
      '97 America/Manaus',
    ]);
  });
});
