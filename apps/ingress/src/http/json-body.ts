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
 * Why a parsed body cannot be stored as received, or null. Walked with an explicit stack, keys
 * included: a key is stored in the jsonb column too.
 */
function unstorable(root: unknown): { reason: string } | null {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return { reason: 'lone_surrogate' };
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (LONE_SURROGATE.test(key)) return { reason: 'lone_surrogate' };
        pending.push(child);
      }
    }
  }
  return null;
}

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
  // Refused, not repaired: replacing the character would store something other than what was
  // signed, and a 400 stops the sender's retries where a failed insert (500) never would.
  const problem = unstorable(req.body);
  if (problem) {
    next(
      new AppError('VALIDATION_ERROR', 'The request body holds a lone UTF-16 surrogate (an unpaired \\ud800–\\udfff escape), which cannot be stored', {
        status: 400,
        details: problem,
      }),
    );
    return;
  }
  next();
};
