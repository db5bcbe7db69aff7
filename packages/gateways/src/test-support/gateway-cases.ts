import { expect, it } from 'vitest';
import { understand } from '../gateway.js';
import type { GatewayAdapter, GatewayContext, GatewayMapping, GatewayRequest } from '../types.js';

/**
 * A delivery read at `now` with the variables in `env`; the rest take the defaults each
 * platform declares (a 30 min Pix/boleto reminder, a 1 h Shopify abandonment delay).
 */
export function contextAt(now: string, env: GatewayContext['env'] = {}): GatewayContext {
  return { now: new Date(now), env };
}

/** Reads a body as its platform's authentic delivery of it would be read. */
export function readerOf(adapter: GatewayAdapter, deliver: (body: unknown) => GatewayRequest, context: GatewayContext) {
  return (body: unknown) => understand(adapter, body, deliver(body), context);
}

/** The abandonment a mapping holds; anything else fails the test, saying what it was. */
export function abandonmentOf(mapping: GatewayMapping) {
  if (mapping.type !== 'abandonment') throw new Error(`expected an abandonment, got ${JSON.stringify(mapping)}`);
  return mapping.event;
}

export function paymentOf(mapping: GatewayMapping) {
  if (mapping.type !== 'payment') throw new Error(`expected a payment, got ${JSON.stringify(mapping)}`);
  return mapping.event;
}

/** A buyer with nothing to be reached by is answered and kept, so the platform stops retrying. */
export const noPhoneAt = (field: string) => ({ type: 'ignored', reason: `${field} is missing: the buyer cannot be reached on WhatsApp without it` });

/** A phone of the right characters that no numbering plan allows. */
export const impossiblePhoneAt = (field: string) => ({ type: 'rejected', field, reason: expect.stringContaining('not a valid phone') });

export const notActedOn = (event: string) => ({ type: 'ignored', reason: `${event} is not an event Sara acts on` });

type ProofCases = {
  adapter: GatewayAdapter;
  secret: string;
  /** Where the proof travels, as a failure names it (a header, or `?parameter`). */
  where: string;
  /** An authentic delivery, authenticated with `secret` unless told otherwise. */
  deliver: (secret?: string) => GatewayRequest;
  /** The same delivery with its proof replaced, or taken away when `proof` is null. */
  withProof: (request: GatewayRequest, proof: string | null) => GatewayRequest;
  /** Values that are no proof at all, as opposed to a wrong one. */
  blank?: string[];
  /** Changes the signed bytes; left out for a bare token, which signs nothing. */
  tamper?: (raw: Buffer) => Buffer;
  /** A value computed outside Sara, so the test is not checking the code against itself. */
  knownVector?: { request: GatewayRequest; secret: string };
  /**
   * The authentic proof written loosely in ways a lenient decoder still reads as the same
   * digest (a trailing character, spare bits, extra padding, a fractional or second timestamp):
   * not forgeries, but the proof must be exact, so each is refused as malformed.
   */
  loosened?: (proof: string) => string[];
};

/** What every platform's authentication must accept and refuse, and how it says why. */
export function itChecksTheProof(cases: ProofCases): void {
  const { adapter, secret, where, deliver, withProof } = cases;

  it('accepts a delivery authenticated with the secret', () => {
    expect(adapter.verify(deliver(), secret)).toBeNull();
  });

  if (cases.knownVector) {
    const vector = cases.knownVector;
    it('matches the known vector', () => {
      expect(adapter.verify(vector.request, vector.secret)).toBeNull();
    });
  }

  it('accepts the proof its own scheme makes, and only with that secret', () => {
    const { rawBody } = deliver();
    const signed = (proofSecret: string): GatewayRequest => {
      const proof = adapter.verify.sign(rawBody, proofSecret);
      // Node hands the route header names in lower case.
      const headers = Object.fromEntries(Object.entries(proof.headers).map(([name, value]) => [name.toLowerCase(), value]));
      return { rawBody, headers, query: proof.query };
    };
    expect(adapter.verify(signed(secret), secret)).toBeNull();
    expect(adapter.verify(signed(`another-${secret}`), secret)).toEqual({ where, reason: 'mismatch' });
  });

  it('refuses a delivery without the proof', () => {
    for (const proof of [null, ...(cases.blank ?? [])]) {
      expect(adapter.verify(withProof(deliver(), proof), secret), JSON.stringify(proof)).toEqual({ where, reason: 'missing' });
    }
  });

  it('refuses a delivery authenticated with another secret', () => {
    expect(adapter.verify(deliver(`another-${secret}`), secret)).toEqual({ where, reason: 'mismatch' });
  });

  if (cases.loosened) {
    const loosened = cases.loosened;
    it('refuses the authentic proof written loosely', () => {
      const request = deliver();
      const signed = adapter.verify.sign(request.rawBody, secret);
      const [proof] = [...Object.values(signed.headers), ...Object.values(signed.query)];
      const variants = loosened(proof!);
      expect(variants.length).toBeGreaterThan(0);
      for (const variant of variants) {
        expect(variant).not.toBe(proof);
        expect(adapter.verify(withProof(request, variant), secret), variant).toEqual({ where, reason: 'malformed' });
      }
    });
  }

  if (cases.tamper) {
    const tamper = cases.tamper;
    it('refuses a body changed after signing', () => {
      const request = deliver();
      const tampered = tamper(request.rawBody);
      expect(tampered.equals(request.rawBody)).toBe(false);
      expect(adapter.verify({ ...request, rawBody: tampered }, secret)).toEqual({ where, reason: 'mismatch' });
    });
  }
}
