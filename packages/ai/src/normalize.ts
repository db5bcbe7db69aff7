/**
 * Folds the ways buyers type the same word on a phone ("PREÇO??", "preco", "preçoooo") into one
 * form, so matching rules can be written once. Digits survive; punctuation and emoji do not, so
 * callers that care about "?" must look at the raw text.
 */
export function normalizeForMatching(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
      // Three or more: "siiiim" → "sim"; two are left alone because Portuguese spells "rr"/"ss".
      .replace(/(\p{L})\1{2,}/gu, '$1')
      .replace(/\s+/gu, ' ')
      .trim()
  );
}
