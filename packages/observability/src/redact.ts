/** "+5511999999999" → "+55*******9999": enough to tell buyers apart in a log, not to call one. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 6) return '*'.repeat(digits.length);
  return `+${digits.slice(0, 2)}${'*'.repeat(digits.length - 6)}${digits.slice(-4)}`;
}
