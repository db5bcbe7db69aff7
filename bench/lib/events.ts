import { createHmac, randomUUID } from 'node:crypto';
import { hasFixtures, serializeLikeMeta } from '../../test/support/meta.js';
import { textMessage } from '../../test/support/meta-events.js';

export { hasFixtures };

/** `X-Hub-Signature-256` of raw bytes, as the checkout platform and Meta compute it. */
export function signBody(secret: string, raw: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/**
 * Distinct Brazilian mobile numbers (+55 11 9 TT NNNNNN): `tag` keeps each benchmark phase in
 * its own range, so a Graph request is matched to its event by the `to` digits alone.
 */
export class PhoneBook {
  #next = 0;
  constructor(readonly tag: number) {
    if (!Number.isInteger(tag) || tag < 0 || tag > 99) throw new Error('phone tag must be 0..99');
  }

  next(): string {
    if (this.#next > 999_999) throw new Error(`phone range ${this.tag} exhausted`);
    return `+55119${String(this.tag).padStart(2, '0')}${String(this.#next++).padStart(6, '0')}`;
  }
}

/** The digits Graph receives as `to` for an E.164 phone. */
export const graphRecipient = (phone: string): string => phone.slice(1);

/** A signed abandonment webhook with a fresh abandonmentId: raw body plus headers. */
export function abandonmentRequest(secret: string, phone: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    userId: `bench_${phone.slice(1)}`,
    name: 'Ana Bench',
    phone,
    productId: 'prod_bench',
    paymentLink: 'https://pay.example.com/c/bench',
    abandonmentId: `abn_${randomUUID()}`,
    timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    value: 197.9,
  });
  return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(secret, body) } };
}

const BUYER_TEXTS = [
  'Oi! Esqueci de finalizar, ainda dá tempo?',
  'Qual o prazo de acesso ao curso?',
  'Tem certificado no final?',
  'Como funciona o pagamento?',
];

/** A buyer's WhatsApp text as Meta posts it (real fixture, re-addressed), signed with the app secret. */
export function buyerTextRequest(appSecret: string, phone: string, index: number): { body: string; headers: Record<string, string> } {
  if (!hasFixtures) throw new Error('buyer messages are built from ../shared/fixtures/whatsapp, which is absent');
  const body = serializeLikeMeta(textMessage(phone, BUYER_TEXTS[index % BUYER_TEXTS.length] as string).body);
  return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(appSecret, body) } };
}
