import Stripe from 'stripe';
import { defineGateway } from '../define-gateway.js';
import { at, buyerName, email, firstText, instant, link, money, phone, phoneIfValid, text } from '../fields.js';
import type { EventHandler, GatewayRequest, VerificationFailure, VerificationScheme } from '../types.js';
import { headerValue } from '../verify.js';

// Stripe events: `{id: "evt_…", type, created, data:{object}}`; Checkout Sessions carry the
// buyer in customer_details and amounts in cents.

const SIGNATURE_HEADER = 'Stripe-Signature';
/** Stripe's own default: a signature older than this is a replay. */
export const STRIPE_TOLERANCE_SECONDS = 300;

/**
 * The official verifier: `t=<unix>,v1=<hex>[,v1=…]` over "<t>.<raw body>", any v1 may match
 * (two during a secret roll), timestamp within the tolerance.
 */
const verifyStripeSignature = (request: GatewayRequest, secret: string): VerificationFailure | null => {
  const header = headerValue(request, SIGNATURE_HEADER);
  if (!header) return { where: SIGNATURE_HEADER, reason: 'missing' };
  // Stripe's parser reads `t` with parseInt and keeps the last one: `t=<ts>.9`, `t=<ts>abc` or a
  // second `t=` would verify. The signed timestamp is one whole number, so ask for exactly that.
  const timestamps = header.split(',').filter((item) => item.startsWith('t='));
  if (timestamps.length !== 1 || !/^t=\d+$/.test(timestamps[0]!)) return { where: SIGNATURE_HEADER, reason: 'malformed' };
  // verifyHeader, not constructEvent: the body is parsed (and refused if not JSON) by the route.
  const signature = Stripe.webhooks.signature;
  if (!signature) throw new Error('the stripe package has no webhook signature verifier');
  try {
    signature.verifyHeader(request.rawBody, header, secret, STRIPE_TOLERANCE_SECONDS);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/tolerance/i.test(message)) return { where: SIGNATURE_HEADER, reason: 'stale' };
    if (/unable to extract|no signatures found with expected scheme/i.test(message)) return { where: SIGNATURE_HEADER, reason: 'malformed' };
    return { where: SIGNATURE_HEADER, reason: 'mismatch' };
  }
};

/** Signed by the official package's own helper, so the header is Stripe's, not our reading of it. */
const stripeSignature: VerificationScheme = Object.assign(verifyStripeSignature, {
  sign: (rawBody: string | Buffer, secret: string, options: { timestamp?: number } = {}) => ({
    headers: { [SIGNATURE_HEADER]: Stripe.webhooks.generateTestHeaderString({ payload: rawBody.toString(), secret, timestamp: options.timestamp }) },
    query: {},
  }),
});

const SESSION = 'data.object';
const PHONE = [`${SESSION}.customer_details.phone`];
const EMAIL = [`${SESSION}.customer_details.email`, `${SESSION}.customer_email`];
/** Checkout Sessions list no products without an API call: the shop names its product in metadata. */
const PRODUCT = [`${SESSION}.metadata.product_id`, `${SESSION}.metadata.productId`, `${SESSION}.client_reference_id`];

const sessionExpired: EventHandler = (body) => {
  const sessionId = text(body, `${SESSION}.id`, { required: true });
  const buyerEmail = email(body, EMAIL);
  const buyerPhone = phone(body, PHONE, { required: true });
  const recoveryEnabled = at(body, `${SESSION}.after_expiration.recovery.enabled`) === true;
  return {
    type: 'abandonment',
    event: {
      abandonmentId: `stripe:${sessionId}`,
      userId: text(body, `${SESSION}.customer`) ?? buyerEmail ?? buyerPhone,
      name: buyerName(body, [`${SESSION}.customer_details.name`]),
      phone: buyerPhone,
      email: buyerEmail,
      productId: firstText(body, PRODUCT) ?? text(body, `${SESSION}.payment_link`) ?? 'stripe-checkout',
      productName: text(body, `${SESSION}.metadata.product_name`),
      // The recovery URL opens a new session with the same cart; without it the shop's offer link is used.
      paymentLink: recoveryEnabled ? (link(body, [`${SESSION}.after_expiration.recovery.url`]) ?? null) : null,
      value: money(body, `${SESSION}.amount_total`, 'cents', { required: false }) ?? null,
      kind: 'cart',
      source: 'stripe',
      // When the session opened, not when it expired: a payment after it settles it.
      timestamp: (instant(body, `${SESSION}.created`) ?? instant(body, 'created'))?.toISOString(),
    },
  };
};

const sessionPaid: EventHandler = (body) => {
  const status = text(body, `${SESSION}.payment_status`);
  if (status !== 'paid') return { type: 'ignored', reason: `payment_status is ${status ?? 'absent'}, not paid` };
  const sessionId = text(body, `${SESSION}.id`, { required: true });
  const recoveredFrom = text(body, `${SESSION}.recovered_from`);
  return {
    type: 'payment',
    event: {
      paymentId: `stripe:${text(body, `${SESSION}.payment_intent`) ?? sessionId}`,
      status: 'paid',
      amount: money(body, `${SESSION}.amount_total`, 'cents', { required: true }),
      currency: text(body, `${SESSION}.currency`, { max: 3 })?.toUpperCase(),
      productId: firstText(body, PRODUCT) ?? text(body, `${SESSION}.payment_link`),
      buyer: { phone: phoneIfValid(body, PHONE), email: email(body, EMAIL) },
      // A session opened from an expired one's recovery URL names it: an exact match.
      checkoutKey: recoveredFrom ? `stripe:${recoveredFrom}` : undefined,
      source: 'stripe',
      timestamp: instant(body, 'created')?.toISOString(),
    },
  };
};

export const stripe = defineGateway({
  platform: 'stripe',
  secret: { STRIPE_WEBHOOK_SECRET: 'the whsec_… signing secret of the Stripe endpoint' },
  verify: stripeSignature,
  eventName: (body) => text(body, 'type'),
  eventId: (body) => text(body, 'id'),
  events: {
    'checkout.session.expired': sessionExpired,
    'checkout.session.completed': sessionPaid,
    // Boleto and other delayed methods complete the session unpaid and report the payment later.
    'checkout.session.async_payment_succeeded': sessionPaid,
  },
});
