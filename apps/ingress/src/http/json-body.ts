import { AppError } from '@sara/domain';
import express, { type RequestHandler } from 'express';

/** Keeps the raw bytes (for the signature) whatever the content type claims. */
export function rawBody(limit: string): RequestHandler {
  return express.raw({ type: () => true, limit });
}

/**
 * With the `u` flag a surrogate pair is one code point, so this matches only a lone surrogate
 * (`"\ud83d"` with no partner): no UTF-8 can encode it and Postgres refuses it in jsonb.
 */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * How deep a body may nest, objects and arrays counted. The deepest real payload Sara knows
 * (a WhatsApp message, ../shared/fixtures) nests 13 levels; thousands of levels are an attack
 * that overflows the stack of whatever serialises the body next (JSON.stringify, Prisma).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Why a parsed body cannot be stored as received, or null. Walked with an explicit stack, keys
 * included (a key is stored in the jsonb column too), so depth cannot overflow the walk itself.
 */
function unstorable(root: unknown): { reason: string; maxDepth?: number } | null {
  const pending: [unknown, number][] = [[root, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return { reason: 'lone_surrogate' };
    } else if (typeof value === 'object' && value !== null) {
      if (depth + 1 > MAX_JSON_DEPTH) return { reason: 'too_deep', maxDepth: MAX_JSON_DEPTH };
      for (const [key, child] of Object.entries(value)) {
        if (LONE_SURROGATE.test(key)) return { reason: 'lone_surrogate' };
        pending.push([child, depth + 1]);
      }
    }
  }
  return null;
}

const UNSTORABLE_MESSAGES: Record<string, string> = {
  lone_surrogate: 'The request body holds a lone UTF-16 surrogate (an unpaired \\ud800–\\udfff escape), which cannot be stored',
  too_deep: `The request body nests deeper than ${MAX_JSON_DEPTH} levels`,
};

/** Parses the verified raw body as JSON; runs only after the signature check. */
export const parseJsonBody: RequestHandler = (req, res, next) => {
  const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  res.locals.rawBody = raw;
  const text = raw.toString('utf8');
  // Postgres jsonb cannot store U+0000: refuse it here rather than fail the insert with a 500.
  if (text.includes('\\u0000') || text.includes('\u0000')) {
    next(new AppError('VALIDATION_ERROR', 'The request body must not contain NUL characters', { status: 400, details: { reason: 'nul_character' } }));
    return;
  }
  try {
    req.body = JSON.parse(text) as unknown;
  } catch {
    next(new AppError('VALIDATION_ERROR', 'The request body must be valid JSON', { status: 400, details: { reason: 'invalid_json' } }));
    return;
  }
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    next(new AppError('VALIDATION_ERROR', 'The request body must be a JSON object', { status: 400, details: { reason: 'not_an_object' } }));
    return;
  }
  // Refused, not repaired (a lone surrogate): replacing the character would store something other than what was
  // signed, and a 400 stops the sender's retries where a failed insert (500) never would.
  const problem = unstorable(req.body);
  if (problem) {
    next(new AppError('VALIDATION_ERROR', UNSTORABLE_MESSAGES[problem.reason] ?? 'The request body cannot be stored', { status: 400, details: problem }));
    return;
  }
  next();
};
