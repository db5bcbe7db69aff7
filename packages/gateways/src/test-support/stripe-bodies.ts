import Stripe from 'stripe';
import type { GatewayRequest } from '../types.js';

// Stripe events around one Checkout Session, signed by the official package, for the platform tests.

export const SECRET = 'whsec_5f1d0c8b7a6e4d3c2b1a09f8e7d6c5b4';

/** A delivery as Stripe posts it: the raw body signed in Stripe-Signature by the official helper. */
export function delivery(body: unknown, options: { secret?: string; timestamp?: number } = {}): GatewayRequest {
  const raw = JSON.stringify(body, null, 2);
  const header = Stripe.webhooks.generateTestHeaderString({ payload: raw, secret: options.secret ?? SECRET, timestamp: options.timestamp });
  return {
    rawBody: Buffer.from(raw),
    headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)', 'stripe-signature': header },
    query: {},
  };
}

export const SESSION_ID = 'cs_test_a1Ae6ClgOkjygKwrf9B3L6ITtUuZW4Xx9FivL6DZYoYFdfAefQxsYpJJd3';

export const RECOVERY_URL = 'https://buy.stripe.com/r/test_AbCdEf123';

// 2026-06-08T14:50:00Z in unix seconds, as Stripe sends `created`.
export const CREATED = 1780930200;

export type Fields = Record<string, unknown>;

/** An event around one Checkout Session (names as in stripe-node's Checkout.Session; amounts in cents). */
export function sessionEvent(type: string, session: Fields = {}, envelope: Fields = {}) {
  return {
    id: 'evt_1PjXyZ2eZvKYlo2C0a1b2c3d',
    object: 'event',
    api_version: '2025-06-30.basil',
    created: CREATED,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: {
      object: {
        id: SESSION_ID,
        object: 'checkout.session',
        after_expiration: null,
        amount_subtotal: 14990,
        amount_total: 14990,
        client_reference_id: null,
        created: CREATED - 86_400,
        currency: 'brl',
        customer: null,
        customer_details: { address: null, email: 'Maria.Souza@Example.com', name: 'Maria Souza', phone: '+5511987654321', tax_exempt: 'none', tax_ids: [] },
        customer_email: null,
        metadata: { product_id: 'curso-confeitaria', product_name: 'Curso de Confeitaria' },
        mode: 'payment',
        payment_intent: null,
        payment_link: 'plink_1PjX00',
        payment_method_types: ['card', 'pix', 'boleto'],
        payment_status: 'unpaid',
        phone_number_collection: { enabled: true },
        recovered_from: null,
        status: 'open',
        url: null,
        ...session,
      },
    },
    ...envelope,
  };
}

export const RECOVERY = {
  after_expiration: { recovery: { allow_promotion_codes: false, enabled: true, expires_at: CREATED + 30 * 86_400, url: RECOVERY_URL } },
};

export const expired = (session: Fields = {}) => sessionEvent('checkout.session.expired', { status: 'expired', ...RECOVERY, ...session });

export const PAID = { status: 'complete', payment_status: 'paid', payment_intent: 'pi_3PjY0A2eZvKYlo2C1x2y3z4w' };

export const completed = (session: Fields = {}) => sessionEvent('checkout.session.completed', { ...PAID, ...session });
