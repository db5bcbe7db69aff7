import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

const PHONE_CHARACTERS = /^\+?[\d\s().\-/]+$/;

/**
 * Checkouts send phones in many shapes ("+55 11 99999-9999", "(11) 99999-9999",
 * "5511999999999"): read them with the country's numbering plan (Brazil unless told) and
 * return E.164, or say why the value cannot be a phone number. Full metadata, not the
 * minimal set, so a number of the right length but an unused range is refused too.
 */
export function normalizePhone(raw: string, defaultCountry: CountryCode = 'BR'): PhoneResult {
  const value = raw.trim();
  if (value === '') return { ok: false, reason: 'is empty' };
  if (/[a-z]/i.test(value)) return { ok: false, reason: 'contains letters' };
  if (!PHONE_CHARACTERS.test(value)) return { ok: false, reason: 'contains characters a phone number cannot have' };

  // "00" is the international prefix dialled from abroad: "0055 11 …" is "+55 11 …".
  if (value.startsWith('00')) return normalizePhone(`+${value.slice(2)}`, defaultCountry);
  const digits = value.replace(/\D/g, '');
  // Without a plus, try the national reading first, then digits that already start with a
  // country code ("5511999999999", as WhatsApp and several platforms write them).
  const readings = value.startsWith('+') ? [value] : [value, `+${digits}`];
  for (const reading of readings) {
    const phone = parsePhoneNumberFromString(reading, defaultCountry);
    if (phone?.isValid()) return { ok: true, e164: phone.number };
  }
  return { ok: false, reason: `is not a valid phone number (read as ${defaultCountry} when it has no country code)` };
}
