import { defineGateway } from '../define-gateway.js';
import { minutesAfter } from '../env.js';
import { at, buyerName, email, instant, link, money, phone, phoneIfValid, text } from '../fields.js';
import type { EventHandler } from '../types.js';
import { hmacOfBody } from '../verify.js';

// Kiwify sales webhooks: order events are flat bodies named by `webhook_event_type`, with the
// buyer in Customer and amounts in cents; signed with the webhook token in `?signature=`.

/** Kiwify's abandoned-cart body names no event type: this adapter's name for it. */
export const KIWIFY_ABANDONED_CART = 'abandoned_cart';

const CUSTOMER_PHONE = ['Customer.mobile'];
const CUSTOMER_EMAIL = ['Customer.email'];
const CUSTOMER_NAME = ['Customer.full_name', 'Customer.first_name'];

/**
 * Order dates read "YYYY-MM-DD HH:mm" in Brasília time (no daylight saving since 2019). A date
 * in another shape is left out rather than guessed: it must not cost a payment its match.
 */
function brasiliaTime(body: unknown, path: string): string | undefined {
  const local = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(:\d{2})?$/.exec(String(at(body, path) ?? '').trim());
  const date = local ? new Date(`${local[1]}T${local[2]}${local[3] ?? ':00'}-03:00`) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** A link that is not an http(s) URL only costs the reminder its link, not the whole event. */
function linkIfValid(body: unknown, path: string): string | undefined {
  try {
    return link(body, [path]);
  } catch {
    return undefined;
  }
}

/** The cart's checkout_link is the code of the checkout page pay.kiwify.com.br/<code>. */
function checkoutUrl(body: unknown): string | null {
  const code = text(body, 'checkout_link', { max: 1024 });
  if (code && /^[A-Za-z0-9_-]{1,64}$/.test(code)) return `https://pay.kiwify.com.br/${code}`;
  return linkIfValid(body, 'checkout_link') ?? null;
}

/** The cart carries no amount and no order yet: the buyer filled the form and left. */
const cartAbandoned: EventHandler = (body) => {
  const buyerEmail = email(body, ['email']);
  const buyerPhone = phone(body, ['phone'], { required: true });
  return {
    type: 'abandonment',
    event: {
      abandonmentId: `kiwify:${text(body, 'id', { required: true })}`,
      userId: buyerEmail ?? buyerPhone,
      name: buyerName(body, ['name']),
      phone: buyerPhone,
      email: buyerEmail,
      productId: text(body, 'product_id', { required: true }),
      productName: text(body, 'product_name'),
      paymentLink: checkoutUrl(body),
      value: null,
      kind: 'cart',
      source: 'kiwify',
      timestamp: instant(body, 'created_at')?.toISOString(),
    },
  };
};

const paid: EventHandler = (body) => {
  const orderId = text(body, 'order_id', { required: true });
  return {
    type: 'payment',
    event: {
      paymentId: `kiwify:${orderId}`,
      status: 'paid',
      amount: money(body, 'Commissions.charge_amount', 'cents', { required: true }),
      currency: text(body, 'Commissions.currency', { max: 3 }),
      productId: text(body, 'Product.product_id'),
      buyer: { phone: phoneIfValid(body, CUSTOMER_PHONE), email: email(body, CUSTOMER_EMAIL) },
      // The Pix or boleto reminder of this same order is keyed by it: an exact match.
      checkoutKey: `kiwify:${orderId}`,
      source: 'kiwify',
      timestamp: brasiliaTime(body, 'approved_date') ?? brasiliaTime(body, 'updated_at'),
    },
  };
};

/** A Pix generated or boleto printed: reminded after a while unless the payment arrives first. */
const paymentPending =
  (kind: 'pix_generated' | 'boleto_printed'): EventHandler =>
  (body, { now, env }) => {
    const buyerEmail = email(body, CUSTOMER_EMAIL);
    const buyerPhone = phone(body, CUSTOMER_PHONE, { required: true });
    return {
      type: 'abandonment',
      event: {
        abandonmentId: `kiwify:${text(body, 'order_id', { required: true })}`,
        userId: buyerEmail ?? buyerPhone,
        name: buyerName(body, CUSTOMER_NAME),
        phone: buyerPhone,
        email: buyerEmail,
        productId: text(body, 'Product.product_id', { required: true }),
        productName: text(body, 'Product.product_name'),
        // A Pix is a copy-and-paste code, not a page: the offer row's link is sent instead.
        paymentLink: kind === 'boleto_printed' ? (linkIfValid(body, 'boleto_URL') ?? null) : null,
        value: money(body, 'Commissions.charge_amount', 'cents', { required: false }) ?? null,
        kind,
        source: 'kiwify',
        timestamp: brasiliaTime(body, 'created_at'),
        notBefore: minutesAfter(now, env.PENDING_PAYMENT_REMINDER_DELAY_MINUTES),
      },
    };
  };

export const kiwify = defineGateway({
  platform: 'kiwify',
  secret: { KIWIFY_WEBHOOK_TOKEN: 'the token of the Kiwify webhook' },
  verify: hmacOfBody({ algorithm: 'sha1', encoding: 'hex', from: { query: 'signature' } }),
  // The abandoned-cart body has no webhook_event_type at all; only its status says what it is.
  eventName: (body) => text(body, 'webhook_event_type') ?? (text(body, 'status') === 'abandoned' ? KIWIFY_ABANDONED_CART : undefined),
  // No delivery id is sent, and one order emits several events: the order and the event name it.
  eventId: (body) => {
    const orderId = text(body, 'order_id');
    return orderId ? `${orderId}:${text(body, 'webhook_event_type', { required: true })}` : text(body, 'id');
  },
  events: {
    [KIWIFY_ABANDONED_CART]: cartAbandoned,
    order_approved: paid,
    pix_created: paymentPending('pix_generated'),
    billet_created: paymentPending('boleto_printed'),
  },
});
