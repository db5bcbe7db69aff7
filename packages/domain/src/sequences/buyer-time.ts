import { assertTimeZone } from './zoned-time.js';

/**
 * The IANA zone of every Brazilian area code (DDD) in ANATEL's numbering plan — the 67 codes,
 * 11 to 99 — using the most specific zone tzdb's zone1970.tab gives for that state. Several
 * zones share an offset today (Brazil has had no daylight saving since 2019), but each follows
 * its own state's law, so the specific one stays right if a state changes its clock again.
 *
 * Where one DDD spans two zones, the zone of most of its people wins:
 * - 81 is Pernambuco's coast and Fernando de Noronha (America/Noronha, −02). The island's few
 *   thousand residents share the code with metropolitan Recife, so 81 is America/Recife; a
 *   Noronha buyer is treated an hour early — at worst a message lands an hour before their
 *   quiet window ends.
 * - 97 is interior Amazonas: Tefé, Coari, Humaitá and São Gabriel keep Manaus time (−04), while
 *   the south-west (Eirunepé, Tabatinga, Lábrea, Benjamin Constant…) keeps −05
 *   (America/Eirunepe). Manaus time is the majority's.
 * - 93 is western Pará (Santarém, Altamira, Itaituba): America/Santarem, −03 like the rest of
 *   Pará since 2008.
 */
export const BRAZIL_ZONE_BY_DDD: Readonly<Record<string, string>> = {
  // São Paulo, Rio de Janeiro, Espírito Santo, Minas Gerais
  ...zoneFor('America/Sao_Paulo', [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38]),
  // Paraná, Santa Catarina, Rio Grande do Sul, Distrito Federal, Goiás
  ...zoneFor('America/Sao_Paulo', [41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 64]),
  ...zoneFor('America/Araguaina', [63]), // Tocantins
  ...zoneFor('America/Cuiaba', [65, 66]), // Mato Grosso, −04
  ...zoneFor('America/Campo_Grande', [67]), // Mato Grosso do Sul, −04
  ...zoneFor('America/Rio_Branco', [68]), // Acre, −05
  ...zoneFor('America/Porto_Velho', [69]), // Rondônia, −04
  ...zoneFor('America/Bahia', [71, 73, 74, 75, 77]),
  ...zoneFor('America/Maceio', [79, 82]), // Sergipe, Alagoas
  ...zoneFor('America/Recife', [81, 87]), // Pernambuco (81 includes Noronha, see above)
  ...zoneFor('America/Fortaleza', [83, 84, 85, 86, 88, 89, 98, 99]), // PB, RN, CE, PI, MA
  ...zoneFor('America/Belem', [91, 94, 96]), // Pará (east), Amapá
  ...zoneFor('America/Santarem', [93]), // Pará (west)
  ...zoneFor('America/Manaus', [92, 97]), // Amazonas, −04 (97 in part −05, see above)
  ...zoneFor('America/Boa_Vista', [95]), // Roraima, −04
};

function zoneFor(zone: string, ddds: number[]): Record<string, string> {
  return Object.fromEntries(ddds.map((ddd) => [String(ddd), zone]));
}

/** +55, a two-digit DDD, then an 8-digit landline or a 9-digit mobile (with or without the ninth digit). */
const BRAZILIAN_NUMBER = /^\+55([1-9]{2})\d{8,9}$/;

/**
 * The zone the buyer's clock most likely shows: a Brazilian number's zone comes from its DDD;
 * any other country, an unassigned DDD or a string that is no phone number gets `fallbackZone`
 * (the installation's `timezone`), because guessing a zone is worse than the merchant's own.
 * Throws when `fallbackZone` is not a zone Intl knows — a configuration error, not a buyer's.
 */
export function buyerTimeZone(phoneE164: string, fallbackZone: string): string {
  assertTimeZone(fallbackZone);
  const ddd = BRAZILIAN_NUMBER.exec(phoneE164)?.[1];
  return (ddd === undefined ? undefined : BRAZIL_ZONE_BY_DDD[ddd]) ?? fallbackZone;
}
