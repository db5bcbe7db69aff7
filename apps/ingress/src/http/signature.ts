import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@sara/domain';
import type { RequestHandler } from 'express';

const SIGNATURE_HEADER = 'x-hub-signature-256';
const SIGNATURE_FORMAT = /^sha256=([0-9a-fA-F]{64})$/;

export function signBody(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Checks `X-Hub-Signature-256` against the raw bytes as received — re-serialising would
 * change Meta's `\uXXXX` escapes and the hash — in constant time, before the body is parsed.
 */
export function verifyHubSignature(secret: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers[SIGNATURE_HEADER];
    const match = typeof header === 'string' ? SIGNATURE_FORMAT.exec(header.trim()) : null;
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const expected = createHmac('sha256', secret).update(body).digest();
    const received = match?.[1] ? Buffer.from(match[1], 'hex') : Buffer.alloc(expected.length);
    // Compare even when the header is missing, so timing says nothing about which check failed.
    const equal = timingSafeEqual(expected, received);
    if (!match || !equal) {
      next(
        new AppError('HMAC_VERIFICATION_FAILED', 'Invalid or missing X-Hub-Signature-256 signature', {
          status: 403,
          details: { header: 'X-Hub-Signature-256', reason: match ? 'mismatch' : header === undefined ? 'missing' : 'malformed' },
        }),
      );
      return;
    }
    next();
  };
}

/** Constant-time string equality that does not reveal the secret's length either. */
export { constantTimeEquals as secretEquals } from '@sara/gateways';
