/**
 * E.164 with the plus sign: country code then subscriber number, 8 to 15 digits in all. The
 * job schemas of `@sara/jobs` hold the same pattern; a runtime test keeps the two equal.
 */
export const E164_PATTERN = /^\+[1-9]\d{7,14}$/;

export function isE164(value: string): boolean {
  return E164_PATTERN.test(value);
}

/**
 * The numbers one Brazilian mobile may appear as. Many WhatsApp accounts predate the ninth
 * digit, so Meta reports "+55 11 8765-4321" for a buyer whose checkout said
 * "+55 11 98765-4321": a buyer is found under either form.
 */
export function phoneVariants(e164: string): string[] {
  const withoutNinth = /^\+55(\d{2})9(\d{8})$/.exec(e164);
  if (withoutNinth) return [e164, `+55${withoutNinth[1]}${withoutNinth[2]}`];
  const withNinth = /^\+55(\d{2})([6-9]\d{7})$/.exec(e164);
  if (withNinth) return [e164, `+55${withNinth[1]}9${withNinth[2]}`];
  return [e164];
}

/** Meta's `from` / `wa_id` are digits only ("5511999999999"); Sara stores "+5511999999999". */
export function whatsappIdToE164(waId: string): string | undefined {
  const candidate = `+${waId.replace(/^\+/, '')}`;
  return isE164(candidate) ? candidate : undefined;
}
