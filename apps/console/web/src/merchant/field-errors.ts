import { ApiError } from '../api/client.js';

/** Messages per field path, as the server names them: `paymentLink`, `faq[2].answer`, `steps[1].delaySeconds`. */
export type FieldErrors = Record<string, string>;

/**
 * The field a 400 VALIDATION_ERROR refused, with the prefix a nested request adds removed
 * (`offer.faq[0].answer` → `faq[0].answer`). The server's reason is English, for developers:
 * the page says the rule of that field in Portuguese instead.
 */
export function refusedField(error: unknown, prefix = ''): string | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_ERROR') return null;
  const field = error.details.field;
  if (typeof field !== 'string') return null;
  return prefix && field.startsWith(prefix) ? field.slice(prefix.length) : field;
}

/** The server's refusal as a message next to its field, or null when the field is not on this form. */
export function serverFieldErrors(error: unknown, describe: (field: string) => string | null, prefix = ''): FieldErrors | null {
  const field = refusedField(error, prefix);
  if (field === null) return null;
  const message = describe(field);
  return message === null ? null : { [field]: message };
}

/** The id of a field's message, for `aria-describedby`. */
export function errorId(formId: string, field: string): string {
  return `${formId}-${field.replace(/[^a-zA-Z0-9]+/g, '-')}-erro`;
}

export function firstErrorField(errors: FieldErrors): string | undefined {
  return Object.keys(errors)[0];
}

/** A refusal as a sentence for the form's alert: the fields themselves carry the details. */
export function formErrorMessage(error: unknown, fallback: (error: unknown) => string): string {
  if (error instanceof ApiError && error.code === 'VALIDATION_ERROR') return 'Confira os campos destacados: algo não foi aceito.';
  return fallback(error);
}
