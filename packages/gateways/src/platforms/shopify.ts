import { defineGateway } from '../define-gateway.js';
import { minutesAfter, zMinutes } from '../env.js';
import { at, buyerName, email, instant, link, money, phone, phoneIfValid, text } from '../fields.js';
import type { EventHandler } from '../types.js';
import { hmacOfBody, headerValue } from '../verify.js';

// Shopify posts the resource itself as the body; the topic and delivery id travel in headers.
// It has no "abandoned" topic: a checkout still open some time after it was last touched is one.

const PHONE = ['phone', 'customer.phone', 'billing_address.phone', 'shipping_address.phone'];
const EMAIL = ['email', 'customer.email', 'contact_email'];
const NAME = ['customer.first_name', 'billing_address.first_name', 'shipping_address.first_name', 'billing_address.name'];

const SETTINGS = {
  /** A checkout still open this long after its last change is abandoned. */
  SHOPIFY_ABANDONMENT_DELAY_MINUTES: zMinutes(60),
};

const checkoutKey = (token: string) => `shopify:${token}`;

const checkoutChanged: EventHandler<typeof SETTINGS> = (body, { now, env }) => {
  const token = text(body, 'token', { required: true });
  if (at(body, 'completed_at')) return { type: 'checkout_completed', checkoutKey: checkoutKey(token) };
  // Checkouts are created before the buyer types a phone; a later update will carry it.
  if (!PHONE.some((path) => text(body, path, { max: 40 }) !== undefined)) return { type: 'ignored', reason: 'the checkout has no phone yet' };
  const buyerEmail = email(body, EMAIL);
  const buyerPhone = phone(body, PHONE, { required: true });
  const touched = instant(body, 'updated_at') ?? instant(body, 'created_at') ?? now;
  return {
    type: 'abandonment',
    event: {
      abandonmentId: checkoutKey(token),
      userId: buyerEmail ?? buyerPhone,
      name: buyerName(body, NAME),
      phone: buyerPhone,
      email: buyerEmail,
      productId: text(body, 'line_items.0.product_id', { required: true }),
      productName: text(body, 'line_items.0.title'),
      paymentLink: link(body, ['abandoned_checkout_url']) ?? null,
      value: money(body, 'total_price', 'reais', { required: false }) ?? null,
      kind: 'cart',
      source: 'shopify',
      timestamp: touched.toISOString(),
      notBefore: minutesAfter(touched, env.SHOPIFY_ABANDONMENT_DELAY_MINUTES),
    },
  };
};

/**
 * Shopify ids can exceed 2^53, which a JSON number cannot hold exactly: the GraphQL id is a
 * string with the same digits, so it is read first.
 */
function exactId(body: unknown, path: string): string {
  const graphqlId = text(body, path ? `${path}.admin_graphql_api_id` : 'admin_graphql_api_id');
  const digits = graphqlId && /\/(\d+)$/.exec(graphqlId)?.[1];
  return digits ?? text(body, path ? `${path}.id` : 'id', { required: true });
}

const orderPaid: EventHandler = (body) => {
  const token = text(body, 'checkout_token');
  return {
    type: 'payment',
    event: {
      paymentId: `shopify:${exactId(body, '')}`,
      status: 'paid',
      amount: money(body, 'total_price', 'reais', { required: true }),
      currency: text(body, 'currency', { max: 3 }),
      productId: text(body, 'line_items.0.product_id'),
      buyer: { phone: phoneIfValid(body, PHONE), email: email(body, EMAIL) },
      checkoutKey: token ? checkoutKey(token) : undefined,
      source: 'shopify',
      timestamp: (instant(body, 'processed_at') ?? instant(body, 'updated_at'))?.toISOString(),
    },
  };
};

export const shopify = defineGateway({
  platform: 'shopify',
  secret: { SHOPIFY_WEBHOOK_SECRET: 'the Shopify app client secret' },
  settings: SETTINGS,
  verify: hmacOfBody({ algorithm: 'sha256', encoding: 'base64', from: { header: 'X-Shopify-Hmac-Sha256' } }),
  eventName: (_body, request) => headerValue(request, 'X-Shopify-Topic'),
  eventId: (_body, request) => headerValue(request, 'X-Shopify-Webhook-Id') ?? headerValue(request, 'X-Shopify-Event-Id'),
  events: {
    'checkouts/create': checkoutChanged,
    'checkouts/update': checkoutChanged,
    'orders/paid': orderPaid,
  },
});
