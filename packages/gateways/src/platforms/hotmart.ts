import { defineGateway } from '../define-gateway.js';
import { minutesAfter } from '../env.js';
import { buyerName, email, instant, link, money, phone, phoneIfValid, text } from '../fields.js';
import type { EventHandler } from '../types.js';
import { tokenHeader } from '../verify.js';

// Hotmart webhooks 2.0.0: `{id, event, creation_date, version, data:{buyer, product, purchase…}}`,
// authenticated by the account's hottok in X-HOTMART-HOTTOK.

const BUYER_PHONE = ['data.buyer.phone', 'data.buyer.checkout_phone'];
const BUYER_EMAIL = ['data.buyer.email'];
const BUYER_NAME = ['data.buyer.name', 'data.buyer.first_name'];

/** Who left what: the part every Hotmart abandonment shares. The buyer must have a phone. */
function buyerAndProduct(body: unknown) {
  const buyerEmail = email(body, BUYER_EMAIL);
  const buyerPhone = phone(body, BUYER_PHONE, { required: true });
  return {
    userId: buyerEmail ?? buyerPhone,
    name: buyerName(body, BUYER_NAME),
    phone: buyerPhone,
    email: buyerEmail,
    productId: text(body, 'data.product.id', { required: true }),
    productName: text(body, 'data.product.name'),
  };
}

/** An abandoned cart carries no order id and no price; the product's offer row gives the link. */
const cartAbandoned: EventHandler = (body) => {
  return {
    type: 'abandonment',
    event: {
      abandonmentId: `hotmart:${text(body, 'id', { required: true })}`,
      ...buyerAndProduct(body),
      paymentLink: null,
      value: null,
      kind: 'cart',
      source: 'hotmart',
      timestamp: instant(body, 'creation_date')?.toISOString(),
    },
  };
};

const paid: EventHandler = (body) => ({
  type: 'payment',
  event: {
    paymentId: `hotmart:${text(body, 'data.purchase.transaction', { required: true })}`,
    status: 'paid',
    amount: money(body, 'data.purchase.price.value', 'reais', { required: true }),
    currency: text(body, 'data.purchase.price.currency_value', { max: 3 }),
    productId: text(body, 'data.product.id'),
    buyer: { phone: phoneIfValid(body, BUYER_PHONE), email: email(body, BUYER_EMAIL) },
    // The same transaction is the key of its Pix/boleto reminder: paying it settles that one exactly.
    checkoutKey: `hotmart:${text(body, 'data.purchase.transaction', { required: true })}`,
    source: 'hotmart',
    timestamp: (instant(body, 'data.purchase.approved_date') ?? instant(body, 'creation_date'))?.toISOString(),
  },
});

/** Only a Pix or a boleto waits to be paid or expires; a card payment that expired is no such reminder. */
function pendingMethod(body: unknown): 'pix' | 'boleto' | undefined {
  const type = text(body, 'data.purchase.payment.type')?.toUpperCase();
  if (type === 'PIX') return 'pix';
  if (type === 'BILLET') return 'boleto';
  return undefined;
}

/** A Pix generated or boleto printed: reminded after a while unless the payment arrives first. */
const paymentPending: EventHandler = (body, { now, env }) => {
  const method = pendingMethod(body);
  if (!method) return { type: 'ignored', reason: `payment type ${text(body, 'data.purchase.payment.type') ?? 'absent'} is neither Pix nor boleto` };
  const transaction = text(body, 'data.purchase.transaction', { required: true });
  return {
    type: 'abandonment',
    event: {
      abandonmentId: `hotmart:${transaction}`,
      ...buyerAndProduct(body),
      // A boleto has a page to pay on; a Pix has only its code (pix_qrcode is an image), so the checkout link serves.
      paymentLink: method === 'boleto' ? (link(body, ['data.purchase.payment.billet_url']) ?? null) : null,
      value: money(body, 'data.purchase.price.value', 'reais', { required: false }) ?? null,
      kind: method === 'pix' ? 'pix_generated' : 'boleto_printed',
      source: 'hotmart',
      // When the purchase began, not when this notice was sent: a payment after it settles it.
      timestamp: (instant(body, 'data.purchase.order_date') ?? instant(body, 'creation_date'))?.toISOString(),
      notBefore: minutesAfter(now, env.PENDING_PAYMENT_REMINDER_DELAY_MINUTES),
    },
  };
};

/** The Pix or boleto expired unpaid: the buyer gets a fresh link to the checkout. */
const paymentExpired: EventHandler = (body, context) => {
  const pending = paymentPending(body, context);
  if (pending.type !== 'abandonment') return pending;
  const { notBefore: _notBefore, ...event } = pending.event;
  return {
    type: 'abandonment',
    event: {
      ...event,
      abandonmentId: `${event.abandonmentId}:expired`,
      paymentLink: null,
      kind: event.kind === 'pix_generated' ? 'pix_expired' : 'boleto_expired',
    },
  };
};

export const hotmart = defineGateway({
  platform: 'hotmart',
  secret: { HOTMART_HOTTOK: 'the hottok of the Hotmart account' },
  verify: tokenHeader('X-HOTMART-HOTTOK'),
  eventName: (body) => text(body, 'event'),
  eventId: (body) => text(body, 'id'),
  events: {
    PURCHASE_OUT_OF_SHOPPING_CART: cartAbandoned,
    PURCHASE_APPROVED: paid,
    PURCHASE_COMPLETE: paid,
    PURCHASE_BILLET_PRINTED: paymentPending,
    PURCHASE_EXPIRED: paymentExpired,
  },
});
