import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { impossiblePhoneAt, itChecksTheProof, noPhoneAt, notActedOn, paymentOf, readerOf, contextAt } from '../test-support/gateway-cases.js';
import type { GatewayRequest } from '../types.js';
import { stripe } from './stripe.js';
import { completed, delivery, expired, PAID, RECOVERY_URL, SECRET, SESSION_ID, sessionEvent } from '../test-support/stripe-bodies.js';

const read = readerOf(stripe, delivery, contextAt('2026-06-08T15:00:00.000Z'));

/** What the session's payment says whichever event reports it. */
const SESSION_PAYMENT = {
  status: 'paid',
  currency: 'BRL',
  productId: 'curso-confeitaria',
  buyer: { phone: '+5511987654321', email: 'maria.souza@example.com' },
  source: 'stripe',
  timestamp: '2026-06-08T14:50:00.000Z',
};

describe('stripe checkout.session.expired', () => {
  it('maps an expired session to a cart abandonment with its recovery URL', () => {
    expect(read(expired())).toEqual({
      name: 'checkout.session.expired',
      deliveryKey: 'stripe:evt_1PjXyZ2eZvKYlo2C0a1b2c3d',
      mapping: {
        type: 'abandonment',
        event: {
          abandonmentId: `stripe:${SESSION_ID}`,
          userId: 'maria.souza@example.com',
          name: 'Maria Souza',
          phone: '+5511987654321',
          email: 'maria.souza@example.com',
          productId: 'curso-confeitaria',
          productName: 'Curso de Confeitaria',
          paymentLink: RECOVERY_URL,
          value: 149.9,
          kind: 'cart',
          source: 'stripe',
          // When the session opened, a day before it expired.
          timestamp: '2026-06-07T14:50:00.000Z',
        },
      },
    });
  });

  it('uses the recovery URL only when recovery is enabled', () => {
    const disabled = { after_expiration: { recovery: { allow_promotion_codes: false, enabled: false, expires_at: null, url: RECOVERY_URL } } };
    expect(read(expired(disabled)).mapping).toMatchObject({ type: 'abandonment', event: { paymentLink: null } });
    const truthyButNotTrue = { after_expiration: { recovery: { enabled: 'true', url: RECOVERY_URL } } };
    expect(read(expired(truthyButNotTrue)).mapping).toMatchObject({ type: 'abandonment', event: { paymentLink: null } });
    expect(read(expired({ after_expiration: null })).mapping).toMatchObject({ type: 'abandonment', event: { paymentLink: null } });
    expect(read(expired({ after_expiration: { recovery: { enabled: true, url: null } } })).mapping).toMatchObject({
      type: 'abandonment',
      event: { paymentLink: null },
    });
  });

  it('reads the phone in any shape and the name and email from customer_details', () => {
    const understood = read(expired({ customer_details: { email: 'JOAO@EXAMPLE.COM', name: 'João Pereira', phone: '(21) 99876-5432' } }));
    expect(understood.mapping).toMatchObject({
      type: 'abandonment',
      event: { phone: '+5521998765432', email: 'joao@example.com', userId: 'joao@example.com', name: 'João Pereira' },
    });
  });

  it('identifies the buyer by the Stripe customer when there is one', () => {
    expect(read(expired({ customer: 'cus_QabcDEF123' })).mapping).toMatchObject({ type: 'abandonment', event: { userId: 'cus_QabcDEF123' } });
  });

  it('falls back to the prefilled customer_email', () => {
    const understood = read(
      expired({ customer_email: 'Prefilled@Example.com', customer_details: { email: null, name: 'Maria Souza', phone: '+5511987654321' } }),
    );
    expect(understood.mapping).toMatchObject({ type: 'abandonment', event: { email: 'prefilled@example.com', userId: 'prefilled@example.com' } });
  });

  it('names the product by metadata, then client_reference_id, then the payment link', () => {
    expect(read(expired({ metadata: { productId: 'prod-camel' } })).mapping).toMatchObject({ event: { productId: 'prod-camel', productName: undefined } });
    expect(read(expired({ metadata: {}, client_reference_id: 'lead_42' })).mapping).toMatchObject({ event: { productId: 'lead_42' } });
    expect(read(expired({ metadata: {} })).mapping).toMatchObject({ event: { productId: 'plink_1PjX00' } });
    expect(read(expired({ metadata: {}, payment_link: null })).mapping).toMatchObject({ event: { productId: 'stripe-checkout' } });
  });

  it('leaves the value empty when the session has no total', () => {
    expect(read(expired({ amount_total: null })).mapping).toMatchObject({ type: 'abandonment', event: { value: null } });
  });

  it('ignores an expired session without a phone (phone collection off): Stripe must not retry it', () => {
    const noPhone = { customer_details: { email: 'maria@example.com', name: 'Maria Souza', phone: null } };
    expect(read(expired(noPhone)).mapping).toEqual(noPhoneAt('data.object.customer_details.phone'));
    // The buyer never typed anything.
    expect(read(expired({ customer_details: null })).mapping).toMatchObject({ type: 'ignored' });
  });

  it('rejects an expired session whose phone is impossible', () => {
    const impossible = { customer_details: { email: null, name: 'Maria', phone: '+55 11 1234' } };
    expect(read(expired(impossible)).mapping).toMatchObject(impossiblePhoneAt('data.object.customer_details.phone'));
  });

  it('rejects a total that is not whole cents', () => {
    expect(read(expired({ amount_total: 149.9 })).mapping).toEqual({
      type: 'rejected',
      field: 'data.object.amount_total',
      reason: 'must be a whole number of cents',
    });
  });
});

describe('stripe payments', () => {
  it.each([
    ['checkout.session.completed paid', completed(), { paymentId: 'stripe:pi_3PjY0A2eZvKYlo2C1x2y3z4w', amount: 149.9 }],
    [
      'checkout.session.async_payment_succeeded',
      sessionEvent('checkout.session.async_payment_succeeded', { ...PAID, payment_intent: 'pi_boleto_0001', amount_total: 29700, currency: 'brl' }),
      { paymentId: 'stripe:pi_boleto_0001', amount: 297 },
    ],
  ])('maps %s to a payment of the PaymentIntent', (_case, body, payment) => {
    const understood = read(body);
    expect(understood.name).toBe(body.type);
    expect(understood.mapping).toEqual({ type: 'payment', event: { ...SESSION_PAYMENT, ...payment } });
    expect(paymentOf(understood.mapping).checkoutKey).toBeUndefined();
  });

  it('matches a session opened from a recovery URL to the expired one', () => {
    const understood = read(completed({ recovered_from: 'cs_test_expired0001' }));
    expect(understood.mapping).toMatchObject({
      type: 'payment',
      event: { paymentId: 'stripe:pi_3PjY0A2eZvKYlo2C1x2y3z4w', checkoutKey: 'stripe:cs_test_expired0001' },
    });
  });

  it('names a payment without a PaymentIntent by its session', () => {
    expect(read(completed({ payment_intent: null, mode: 'subscription' })).mapping).toMatchObject({
      type: 'payment',
      event: { paymentId: `stripe:${SESSION_ID}` },
    });
  });

  it('keeps a payment whose phone is damaged, matched by email alone', () => {
    const { mapping } = read(completed({ customer_details: { email: 'maria@example.com', name: 'Maria', phone: '+55 11 9876' } }));
    expect(paymentOf(mapping).buyer).toEqual({ phone: undefined, email: 'maria@example.com' });
  });

  it('ignores a completed session that is not paid yet (Pix, boleto)', () => {
    expect(read(completed({ payment_status: 'unpaid', payment_intent: 'pi_x' })).mapping).toEqual({
      type: 'ignored',
      reason: 'payment_status is unpaid, not paid',
    });
    expect(read(completed({ payment_status: 'no_payment_required' })).mapping).toEqual({
      type: 'ignored',
      reason: 'payment_status is no_payment_required, not paid',
    });
    expect(read(completed({ payment_status: null })).mapping).toEqual({ type: 'ignored', reason: 'payment_status is absent, not paid' });
  });

  it('rejects a paid session without a total', () => {
    expect(read(completed({ amount_total: null })).mapping).toEqual({ type: 'rejected', field: 'data.object.amount_total', reason: 'is missing' });
  });

  it('ignores other event types and rejects a body without a type', () => {
    expect(read(sessionEvent('checkout.session.async_payment_failed')).mapping).toEqual(notActedOn('checkout.session.async_payment_failed'));
    const { type: _type, ...untyped } = expired();
    expect(read(untyped).mapping).toEqual({ type: 'rejected', field: 'event', reason: 'names no stripe event type' });
  });
});

describe('stripe signature (Stripe-Signature t=…,v1=… by the official verifier)', () => {
  const body = expired();
  const now = () => Math.floor(Date.now() / 1000);
  const withHeader = (request: GatewayRequest, header: string): GatewayRequest => ({ ...request, headers: { ...request.headers, 'stripe-signature': header } });

  itChecksTheProof({
    adapter: stripe,
    secret: SECRET,
    where: 'Stripe-Signature',
    deliver: (secret) => delivery(body, { secret }),
    withProof: (request, header) => {
      const { 'stripe-signature': _signature, ...headers } = request.headers;
      return { ...request, headers: header === null ? headers : { ...headers, 'stripe-signature': header } };
    },
    blank: [''],
    // Stripe's parser reads t with parseInt and keeps the last t=: a fraction or a second t
    // would still verify, so a header must carry exactly one whole-number timestamp.
    loosened: (header) => {
      const [t, ...rest] = header.split(',');
      return [
        `${t}.9,${rest.join(',')}`,
        `${t},${t},${rest.join(',')}`,
        `${t},t=1,${rest.join(',')}`,
        `${t}abc,${rest.join(',')}`,
        `t= ${t!.slice(2)},${rest.join(',')}`,
      ];
    },
    tamper: (raw) => Buffer.from(raw.toString('utf8').replace('14990', '1499')),
  });

  it('matches a hand-computed v1 over "<t>.<raw body>"', () => {
    const request = delivery(body);
    const t = now();
    const v1 = createHmac('sha256', SECRET)
      .update(`${t}.${request.rawBody.toString('utf8')}`)
      .digest('hex');
    expect(stripe.verify(withHeader(request, `t=${t},v1=${v1}`), SECRET)).toBeNull();
  });

  it('refuses a signature older than five minutes, and accepts one just inside', () => {
    expect(stripe.verify(delivery(body, { timestamp: now() - 301 }), SECRET)).toEqual({ where: 'Stripe-Signature', reason: 'stale' });
    expect(stripe.verify(delivery(body, { timestamp: now() - 240 }), SECRET)).toBeNull();
  });

  it('refuses a header it cannot read', () => {
    const request = delivery(body);
    expect(stripe.verify(withHeader(request, 'garbage'), SECRET)).toEqual({ where: 'Stripe-Signature', reason: 'malformed' });
    // A timestamp but no v1 signature (only the legacy v0 scheme).
    expect(stripe.verify(withHeader(request, `t=${now()},v0=${'a'.repeat(64)}`), SECRET)).toEqual({ where: 'Stripe-Signature', reason: 'malformed' });
  });

  it('refuses a v1 that is not the right digest', () => {
    expect(stripe.verify(withHeader(delivery(body), `t=${now()},v1=${'0'.repeat(64)}`), SECRET)).toEqual({ where: 'Stripe-Signature', reason: 'mismatch' });
  });

  it('accepts any of two v1 signatures (a secret being rolled) when one is right', () => {
    const request = delivery(body);
    const signed = request.headers['stripe-signature'] as string;
    const [t, v1] = signed.split(',');
    const wrong = createHmac('sha256', 'whsec_old').update('other').digest('hex');
    expect(stripe.verify(withHeader(request, `${t},v1=${wrong},${v1}`), SECRET)).toBeNull();
    expect(stripe.verify(withHeader(request, `${t},v1=${wrong},v1=${'f'.repeat(64)}`), SECRET)).toEqual({ where: 'Stripe-Signature', reason: 'mismatch' });
  });
});
