import { AppError } from '@sara/domain';
import express, { type RequestHandler } from 'express';

/** Keeps the raw bytes (for the signature) whatever the content type claims. */
export function rawBody(limit: string): RequestHandler {
  return express.raw({ type: () => true, limit });
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
  next();
};
