import { normalizePhone } from './phone.js';

/**
 * Authentic and well-formed, but nothing Sara can act on (a cart with no phone to write to):
 * answered 200 so the platform does not retry what no retry can change.
 */
export class NothingToDo extends Error {
  override readonly name = 'NothingToDo';
}

/** The event cannot be used as it is; the route answers 422 naming `field`. */
export class Rejected extends Error {
  override readonly name = 'Rejected';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
  }
}

/** Reads a dotted path ("data.buyer.phone"; "line_items.0.title") from a parsed body. */
export function at(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A non-empty string (numbers are read as their digits, as platforms mix the two for ids). */
export function text(body: unknown, path: string, options: { required: true; max?: number }): string;
export function text(body: unknown, path: string, options?: { required?: false; max?: number }): string | undefined;
export function text(body: unknown, path: string, options: { required?: boolean; max?: number } = {}): string | undefined {
  const value = at(body, path);
  const max = options.max ?? 255;
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (options.required) throw new Rejected(path, 'is missing');
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw new Rejected(path, 'must be a string');
  const result = String(value).trim();
  if (result.length > max) throw new Rejected(path, `must be at most ${max} characters`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f]/.test(result)) throw new Rejected(path, 'must not contain control characters');
  return result;
}

/** The first of several paths that holds a value (platforms move fields between versions). */
export function firstText(body: unknown, paths: string[], options: { max?: number } = {}): string | undefined {
  for (const path of paths) {
    const value = text(body, path, options);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The buyer's phone in E.164; absent is an error only when `required`. */
export function phone(body: unknown, paths: string[], options: { required: true }): string;
export function phone(body: unknown, paths: string[], options: { required: false }): string | undefined;
export function phone(body: unknown, paths: string[], options: { required: boolean }): string | undefined {
  // Platforms fill several phone fields; a damaged one must not hide a good one behind it.
  let firstProblem: Rejected | undefined;
  for (const path of paths) {
    const raw = text(body, path, { max: 40 });
    if (raw === undefined) continue;
    const result = normalizePhone(raw);
    if (result.ok) return result.e164;
    firstProblem ??= new Rejected(path, result.reason);
  }
  if (firstProblem) throw firstProblem;
  if (options.required) throw new NothingToDo(`${paths[0] ?? 'phone'} is missing: the buyer cannot be reached on WhatsApp without it`);
  return undefined;
}

/** A payment's phone only helps matching: a damaged one is dropped, the email may still match. */
export function phoneIfValid(body: unknown, paths: string[]): string | undefined {
  try {
    return phone(body, paths, { required: false });
  } catch {
    return undefined;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The buyer's email, lower-cased. It only helps matching: a malformed one is skipped, never fatal. */
export function email(body: unknown, paths: string[]): string | undefined {
  for (const path of paths) {
    const value = typeof at(body, path) === 'string' ? text(body, path) : undefined;
    if (value !== undefined && EMAIL.test(value)) return value.toLowerCase();
  }
  return undefined;
}

/**
 * Money in reais. Platforms send numbers (Hotmart 1497), decimal strings (Shopify "149.90")
 * or integer cents (Stripe 14990, Kiwify 14990): `unit` says which.
 */
export function money(body: unknown, path: string, unit: 'reais' | 'cents', options: { required: true }): number;
export function money(body: unknown, path: string, unit: 'reais' | 'cents', options: { required: false }): number | undefined;
export function money(body: unknown, path: string, unit: 'reais' | 'cents', options: { required: boolean }): number | undefined {
  const value = at(body, path);
  if (value === undefined || value === null || value === '') {
    if (options.required) throw new Rejected(path, 'is missing');
    return undefined;
  }
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new Rejected(path, 'must be an amount');
  if (unit === 'cents' && !Number.isInteger(number)) throw new Rejected(path, 'must be a whole number of cents');
  const reais = unit === 'cents' ? number / 100 : Math.round(number * 100) / 100;
  // A cart's value is optional: a free or not-yet-priced one simply has none.
  if (reais === 0 && !options.required) return undefined;
  if (reais <= 0) throw new Rejected(path, 'must be positive');
  if (reais > 99_999_999.99) throw new Rejected(path, 'is too large');
  return reais;
}

/** An instant from epoch milliseconds, epoch seconds or an ISO 8601 string. */
export function instant(body: unknown, path: string): Date | undefined {
  const value = at(body, path);
  if (value === undefined || value === null || value === '') return undefined;
  let date: Date;
  if (typeof value === 'number') date = new Date(value < 1e12 ? value * 1_000 : value);
  else if (typeof value === 'string') date = new Date(value.includes('T') || value.includes('-') ? value : Number(value));
  else throw new Rejected(path, 'must be a date');
  if (Number.isNaN(date.getTime())) throw new Rejected(path, 'must be a date');
  return date;
}

/** An http(s) URL, or nothing (a link Sara cannot open is no link). */
export function link(body: unknown, paths: string[]): string | undefined {
  for (const path of paths) {
    const value = text(body, path, { max: 1024 });
    if (value === undefined) continue;
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || url.protocol === 'http:') return value;
    } catch {
      // not a URL: try the next path
    }
    throw new Rejected(path, 'must be an http(s) URL');
  }
  return undefined;
}

/** A buyer's name for the greeting; platforms sometimes send none. */
export function buyerName(body: unknown, paths: string[]): string {
  return firstText(body, paths) ?? 'cliente';
}
