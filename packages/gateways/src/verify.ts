import { createHmac, timingSafeEqual } from 'node:crypto';
import type { GatewayRequest, VerificationFailure, VerificationScheme } from './types.js';

/** Constant-time equality that reveals neither where two strings differ nor the secret's length. */
export function constantTimeEquals(expected: string, received: string): boolean {
  const digest = (value: string) => createHmac('sha256', 'sara-compare').update(value).digest();
  return timingSafeEqual(digest(expected), digest(received));
}

function single(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return undefined;
}

/** A shared token sent as is in a header (Hotmart's hottok). */
export function tokenHeader(header: string): VerificationScheme {
  const name = header.toLowerCase();
  const verify = (request: GatewayRequest, secret: string): VerificationFailure | null => {
    const received = single(request.headers[name])?.trim();
    if (!received) return { where: header, reason: 'missing' };
    return constantTimeEquals(secret, received) ? null : { where: header, reason: 'mismatch' };
  };
  return Object.assign(verify, { sign: (_rawBody: string | Buffer, secret: string) => ({ headers: { [header]: secret }, query: {} }) });
}

type HmacOptions = {
  algorithm: 'sha1' | 'sha256';
  encoding: 'hex' | 'base64';
  /** Where the signature travels: a header, or a query-string parameter. */
  from: { header: string } | { query: string };
  /** A label some platforms put before the digest, e.g. "sha256=". */
  prefix?: string;
};

const ENCODED = { hex: /^[0-9a-f]+$/i, base64: /^[A-Za-z0-9+/]+={0,2}$/ };

/** An HMAC of the raw body with the shared secret, compared in constant time. */
export function hmacOfBody(options: HmacOptions): VerificationScheme {
  const where = 'header' in options.from ? options.from.header : `?${options.from.query}`;
  const verify = (request: GatewayRequest, secret: string): VerificationFailure | null => {
    const raw = 'header' in options.from ? single(request.headers[options.from.header.toLowerCase()]) : single(request.query[options.from.query]);
    if (raw === undefined || raw.trim() === '') return { where, reason: 'missing' };
    let encoded = raw.trim();
    if (options.prefix) {
      if (!encoded.toLowerCase().startsWith(options.prefix)) return { where, reason: 'malformed' };
      encoded = encoded.slice(options.prefix.length);
    }
    const expected = createHmac(options.algorithm, secret).update(request.rawBody).digest();
    if (!ENCODED[options.encoding].test(encoded)) return failAfterCompare(expected, where, 'malformed');
    const received = Buffer.from(encoded, options.encoding);
    // Node's decoders are lenient: hex stops at an odd trailing character, base64 ignores spare
    // bits and padding. Only the digest's one canonical spelling is a proof (hex in either case).
    const canonical = received.toString(options.encoding);
    const exact = options.encoding === 'hex' ? canonical === encoded.toLowerCase() : canonical === encoded;
    if (received.length !== expected.length || !exact) return failAfterCompare(expected, where, 'malformed');
    return timingSafeEqual(expected, received) ? null : { where, reason: 'mismatch' };
  };
  const sign = (rawBody: string | Buffer, secret: string) => {
    const proof = `${options.prefix ?? ''}${createHmac(options.algorithm, secret).update(rawBody).digest(options.encoding)}`;
    return 'header' in options.from ? { headers: { [options.from.header]: proof }, query: {} } : { headers: {}, query: { [options.from.query]: proof } };
  };
  return Object.assign(verify, { sign });
}

/** Spends a comparison anyway, so the time taken does not tell a malformed value from a wrong one. */
function failAfterCompare(expected: Buffer, where: string, reason: VerificationFailure['reason']): VerificationFailure {
  timingSafeEqual(expected, Buffer.alloc(expected.length));
  return { where, reason };
}

export function headerValue(request: GatewayRequest, name: string): string | undefined {
  return single(request.headers[name.toLowerCase()]);
}
