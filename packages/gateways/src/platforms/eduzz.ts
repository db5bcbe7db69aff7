import type { AbandonmentJobPayload, AbandonmentKind } from '@sara/jobs';
import { defineGateway } from '../define-gateway.js';
import { minutesAfter } from '../env.js';
import { buyerName, email, firstText, instant, link, money, phone, phoneIfValid, text } from '../fields.js';
import type { EventHandler } from '../types.js';
import { hmacOfBody } from '../verify.js';

// Eduzz webhooks v3: `{id, event, data, sentDate}`, signed with the configuration's access key
// as a hex HMAC-SHA256 of the body in x-signature. Invoice amounts are in reais.

const BUYER_PHONE = ['data.buyer.cellphone', 'data.buyer.phone', 'data.buyer.phone2'];
const BUYER_EMAIL = ['data.buyer.email'];
const BUYER_NAME = ['data.buyer.name'];

// Checkout Sun's cart puts the buyer in `customer`; the older MyEduzz cart in `buyer`, like invoices.
const CART_PHONE = ['data.customer.phone', ...BUYER_PHONE];
const CART_EMAIL = ['data.customer.email', ...BUYER_EMAIL];
const CART_NAME = ['data.customer.name', ...BUYER_NAME];
const CART_PRODUCT = ['data.productId.0', 'data.items.0.productId'];

const cartAbandoned: EventHandler = (body) => {
  const buyerEmail = email(body, CART_EMAIL);
  const buyerPhone = phone(body, CART_PHONE, { required: true });
  return {
    type: 'abandonment',
    event: {
      abandonmentId: `eduzz:${text(body, 'data.transactionId') ?? text(body, 'id', { required: true })}`,
      userId: buyerEmail ?? buyerPhone,
      name: buyerName(body, CART_NAME),
      phone: buyerPhone,
      email: buyerEmail,
      productId: firstText(body, CART_PRODUCT) ?? text(body, 'data.productId.0', { required: true }),
      productName: text(body, 'data.items.0.name'),
      // Eduzz's own link back to this transaction's checkout, better than the offer's generic one.
      paymentLink: link(body, ['data.saleRecoveryUrl']) ?? null,
      value: money(body, 'data.price.value', 'reais', { required: false }) ?? null,
      kind: 'cart',
      source: 'eduzz',
      timestamp: (instant(body, 'data.updatedAt') ?? instant(body, 'data.createdAt') ?? instant(body, 'sentDate'))?.toISOString(),
    },
  };
};

const paid: EventHandler = (body) => {
  const invoiceId = text(body, 'data.id', { required: true });
  return {
    type: 'payment',
    event: {
      paymentId: `eduzz:${invoiceId}`,
      status: 'paid',
      amount: money(body, 'data.price.value', 'reais', { required: true }),
      currency: text(body, 'data.price.currency', { max: 3 }),
      productId: text(body, 'data.items.0.productId'),
      buyer: { phone: phoneIfValid(body, BUYER_PHONE), email: email(body, BUYER_EMAIL) },
      // The Pix or boleto reminder of this same invoice is keyed by it: an exact match.
      checkoutKey: `eduzz:${invoiceId}`,
      source: 'eduzz',
      timestamp: instant(body, 'sentDate')?.toISOString(),
    },
  };
};

/**
 * Invoices of every method wait for payment and expire (a card under review, Eduzz balance…);
 * only a Pix or a boleto is something to remind the buyer of, and the two read differently.
 */
function invoiceMethod(body: unknown): 'pix' | 'boleto' | { type: 'ignored'; reason: string } {
  const method = text(body, 'data.paymentMethod');
  if (method === undefined) return { type: 'ignored', reason: 'the invoice names no payment method, so it is neither a known Pix nor a known boleto' };
  if (method.toLowerCase() === 'pix') return 'pix';
  if (['bankslip', 'boleto', 'billet'].includes(method.toLowerCase())) return 'boleto';
  return { type: 'ignored', reason: `paymentMethod ${method} is neither Pix nor boleto` };
}

function invoiceAbandonment(body: unknown, kind: AbandonmentKind): AbandonmentJobPayload {
  const buyerEmail = email(body, BUYER_EMAIL);
  const buyerPhone = phone(body, BUYER_PHONE, { required: true });
  return {
    abandonmentId: `eduzz:${text(body, 'data.id', { required: true })}`,
    userId: buyerEmail ?? buyerPhone,
    name: buyerName(body, BUYER_NAME),
    phone: buyerPhone,
    email: buyerEmail,
    productId: text(body, 'data.items.0.productId', { required: true }),
    productName: text(body, 'data.items.0.name'),
    // Invoice events document no Pix or boleto link: the offer row's link is sent instead.
    paymentLink: null,
    value: money(body, 'data.price.value', 'reais', { required: false }) ?? null,
    kind,
    source: 'eduzz',
    timestamp: (instant(body, 'data.createdAt') ?? instant(body, 'sentDate'))?.toISOString(),
  };
}

/** A Pix generated or boleto issued: reminded after a while unless the payment arrives first. */
const paymentPending: EventHandler = (body, { now, env }) => {
  const method = invoiceMethod(body);
  if (typeof method !== 'string') return method;
  const event = invoiceAbandonment(body, method === 'pix' ? 'pix_generated' : 'boleto_printed');
  return { type: 'abandonment', event: { ...event, notBefore: minutesAfter(now, env.PENDING_PAYMENT_REMINDER_DELAY_MINUTES) } };
};

/** The Pix or boleto expired unpaid: the buyer gets a fresh link to the checkout. */
const paymentExpired: EventHandler = (body) => {
  const method = invoiceMethod(body);
  if (typeof method !== 'string') return method;
  const event = invoiceAbandonment(body, method === 'pix' ? 'pix_expired' : 'boleto_expired');
  return { type: 'abandonment', event: { ...event, abandonmentId: `${event.abandonmentId}:expired` } };
};

export const eduzz = defineGateway({
  platform: 'eduzz',
  secret: { EDUZZ_WEBHOOK_SECRET: 'the Eduzz webhook signing secret' },
  verify: hmacOfBody({ algorithm: 'sha256', encoding: 'hex', from: { header: 'x-signature' } }),
  eventName: (body) => text(body, 'event'),
  eventId: (body) => text(body, 'id'),
  events: {
    // The name in our product spec (MyEduzz, since dropped from Eduzz's docs) and the one Checkout Sun sends today.
    'myeduzz.cart_abandonment': cartAbandoned,
    'sun.cart_abandonment': cartAbandoned,
    'myeduzz.invoice_paid': paid,
    'myeduzz.invoice_waiting_payment': paymentPending,
    'myeduzz.invoice_expired': paymentExpired,
  },
});
