import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { impossiblePhoneAt, itChecksTheProof, noPhoneAt, notActedOn, paymentOf, readerOf, contextAt } from '../test-support/gateway-cases.js';
import type { GatewayRequest } from '../types.js';
import { kiwify } from './kiwify.js';

const TOKEN = 'kiwify-webhook-token';
const REMIND_AT = '2026-06-08T15:30:00.000Z';

/** A delivery as Kiwify posts it: compact JSON, signed in ?signature= with the webhook token. */
function delivery(body: unknown, token = TOKEN): GatewayRequest {
  const json = JSON.stringify(body);
  return {
    rawBody: Buffer.from(json),
    headers: { 'content-type': 'application/json' },
    query: { signature: createHmac('sha1', token).update(json).digest('hex') },
  };
}

const read = readerOf(kiwify, delivery, contextAt('2026-06-08T15:00:00.000Z'));

const ORDER_ID = 'aac95806-d613-4cc6-80f9-f74882dbbce2';
const PRODUCT_ID = '7b9afcf0-6049-11f1-9238-450795acb5a2';

function order(overrides: Record<string, unknown> = {}, customer: Record<string, unknown> = {}) {
  return {
    order_id: ORDER_ID,
    order_ref: 'cbQHbMQ',
    order_status: 'paid',
    product_type: 'membership',
    payment_method: 'credit_card',
    store_id: 'IUuICjDIMZh18ff',
    boleto_URL: null,
    pix_code: null,
    created_at: '2026-06-08 11:50',
    updated_at: '2026-06-08 11:53',
    approved_date: '2026-06-08 11:53',
    webhook_event_type: 'order_approved',
    Product: { product_id: PRODUCT_ID, product_name: 'Curso de Confeitaria' },
    Customer: { full_name: 'Maria Souza', first_name: 'Maria', email: 'Maria.Souza@Example.com', mobile: '+55 11 98765-4321', CPF: '00000000000', ...customer },
    Commissions: { charge_amount: 14990, product_base_price: 14990, product_base_price_currency: 'BRL', currency: 'BRL' },
    checkout_link: 'LuSveVz',
    ...overrides,
  };
}

const PIX_CREATED = {
  order_status: 'waiting_payment',
  payment_method: 'pix',
  approved_date: null,
  pix_code: '00020101021226840014br.gov.bcb.pix2562pix-h.stone.com.br/pix/v2/ee77b9e9',
  pix_expiration: '09/06/2026 11:50',
  webhook_event_type: 'pix_created',
};
const pixCreated = order(PIX_CREATED);

const BILLET_CREATED = {
  order_status: 'waiting_payment',
  payment_method: 'boleto',
  approved_date: null,
  boleto_URL: 'https://pagar.me/boleto/ce936450',
  boleto_barcode: '23791.22928 60005.510098 74000.046909 4 83110000300000',
  boleto_expiry_date: '11/06/2026',
  webhook_event_type: 'billet_created',
};
const billetCreated = order(BILLET_CREATED);

function abandonedCart(overrides: Record<string, unknown> = {}) {
  return {
    checkout_link: 'AbC1dEf',
    country: 'br',
    cpf: '00000000000',
    created_at: '2026-06-05T15:44:25.411Z',
    email: 'joao.pereira@example.com',
    id: 'c6euk9v1lfj9jqxhfs',
    name: 'João Pereira',
    offer_name: null,
    phone: '(21) 99876-5432',
    product_id: PRODUCT_ID,
    product_name: 'Curso de Confeitaria',
    status: 'abandoned',
    store_id: 'Q33AnzwYbfkFFwS',
    subscription_plan: null,
    ...overrides,
  };
}

/** The order's customer as every order event reads her. */
const MARIA = { userId: 'maria.souza@example.com', name: 'Maria Souza', phone: '+5511987654321', email: 'maria.souza@example.com' };
/** What a Pix or boleto reminder of the order carries besides its kind and link. */
const ORDER_REMINDER = {
  abandonmentId: `kiwify:${ORDER_ID}`,
  ...MARIA,
  productId: PRODUCT_ID,
  productName: 'Curso de Confeitaria',
  value: 149.9,
  source: 'kiwify',
  timestamp: '2026-06-08T14:50:00.000Z',
  notBefore: REMIND_AT,
};

describe('kiwify events', () => {
  it('maps order_approved to a payment matched to the same order', () => {
    expect(read(order())).toEqual({
      name: 'order_approved',
      deliveryKey: `kiwify:${ORDER_ID}:order_approved`,
      mapping: {
        type: 'payment',
        event: {
          paymentId: `kiwify:${ORDER_ID}`,
          status: 'paid',
          amount: 149.9,
          currency: 'BRL',
          productId: PRODUCT_ID,
          buyer: { phone: MARIA.phone, email: MARIA.email },
          checkoutKey: `kiwify:${ORDER_ID}`,
          source: 'kiwify',
          // 11:53 in Brasília is 14:53 UTC.
          timestamp: '2026-06-08T14:53:00.000Z',
        },
      },
    });
  });

  it.each([
    ['pix_created', pixCreated, { kind: 'pix_generated', paymentLink: null }],
    ['billet_created', billetCreated, { kind: 'boleto_printed', paymentLink: 'https://pagar.me/boleto/ce936450' }],
  ])('maps %s to a delayed reminder of the order, with the boleto’s link but none for a Pix', (name, body, reminder) => {
    expect(read(body)).toEqual({
      name,
      deliveryKey: `kiwify:${ORDER_ID}:${name}`,
      mapping: { type: 'abandonment', event: { ...ORDER_REMINDER, ...reminder } },
    });
  });

  it('keeps a boleto whose link is not a URL, without the link', () => {
    const understood = read({ ...billetCreated, boleto_URL: '23791.22928 60005.510098' });
    expect(understood.mapping).toMatchObject({ type: 'abandonment', event: { kind: 'boleto_printed', paymentLink: null } });
  });

  it('maps a flat abandoned-cart body to a cart abandonment with the checkout page built from its code', () => {
    expect(read(abandonedCart())).toEqual({
      name: 'abandoned_cart',
      deliveryKey: 'kiwify:c6euk9v1lfj9jqxhfs',
      mapping: {
        type: 'abandonment',
        event: {
          abandonmentId: 'kiwify:c6euk9v1lfj9jqxhfs',
          userId: 'joao.pereira@example.com',
          name: 'João Pereira',
          phone: '+5521998765432',
          email: 'joao.pereira@example.com',
          productId: PRODUCT_ID,
          productName: 'Curso de Confeitaria',
          paymentLink: 'https://pay.kiwify.com.br/AbC1dEf',
          value: null,
          kind: 'cart',
          source: 'kiwify',
          timestamp: '2026-06-05T15:44:25.411Z',
        },
      },
    });
  });

  it('keeps a checkout_link that is already a URL, and drops one that is neither code nor URL', () => {
    expect(read(abandonedCart({ checkout_link: 'https://pay.kiwify.com.br/AbC1dEf?afid=x1' })).mapping).toMatchObject({
      event: { paymentLink: 'https://pay.kiwify.com.br/AbC1dEf?afid=x1' },
    });
    expect(read(abandonedCart({ checkout_link: 'not a link' })).mapping).toMatchObject({ event: { paymentLink: null } });
    expect(read(abandonedCart({ checkout_link: null, phone: '5531987654321' })).mapping).toMatchObject({
      event: { paymentLink: null, phone: '+5531987654321' },
    });
  });

  it('ignores events Sara does not act on', () => {
    expect(read(order({ webhook_event_type: 'order_refunded', order_status: 'refunded' })).mapping).toEqual(notActedOn('order_refunded'));
  });

  it('rejects a body that names no event and is not an abandoned cart', () => {
    expect(read(abandonedCart({ status: 'open' })).mapping).toMatchObject({ type: 'rejected', field: 'event' });
  });

  it('ignores an abandonment without a phone, saying which field was empty', () => {
    expect(read(abandonedCart({ phone: null })).mapping).toEqual(noPhoneAt('phone'));
    expect(read(order(PIX_CREATED, { mobile: '' })).mapping).toMatchObject({ type: 'ignored', reason: expect.stringContaining('Customer.mobile is missing') });
  });

  it('rejects an abandonment with an impossible phone, naming the field', () => {
    expect(read(abandonedCart({ phone: '(11) 1234' })).mapping).toMatchObject(impossiblePhoneAt('phone'));
    expect(read(order(BILLET_CREATED, { mobile: '+55 00 0000-0000' })).mapping).toMatchObject({ type: 'rejected', field: 'Customer.mobile' });
  });

  it('keeps a payment whose phone is damaged, matched by email alone', () => {
    const { mapping } = read(order({}, { mobile: '(11) 9876' }));
    expect(mapping).toMatchObject({ type: 'payment', event: { paymentId: `kiwify:${ORDER_ID}`, amount: 149.9 } });
    expect(paymentOf(mapping).buyer).toEqual({ phone: undefined, email: MARIA.email });
  });

  it('rejects a payment without an amount', () => {
    expect(read(order({ Commissions: { currency: 'BRL' } })).mapping).toMatchObject({ type: 'rejected', field: 'Commissions.charge_amount' });
  });
});

describe('kiwify signature (?signature= hex HMAC-SHA1 of the raw body)', () => {
  const body = abandonedCart();
  const vector = JSON.stringify({
    ...body,
    email: 'maria@example.com',
    name: 'Maria Souza',
    phone: '(11) 98765-4321',
    product_id: '0f3bf47c-6011-4ea4-8aeb-0e7d744f4acc',
    product_name: 'Curso Exemplo',
  });

  itChecksTheProof({
    adapter: kiwify,
    secret: TOKEN,
    where: '?signature',
    deliver: (token) => delivery(body, token),
    withProof: (request, signature) => ({ ...request, query: signature === null ? {} : { signature } }),
    // Node's hex decoder stops at the first odd or non-hex character, so these read as the digest.
    loosened: (signature) => [`${signature}0`, `${signature}f`, `${signature}z`, `${signature}00`],
    tamper: (raw) => {
      const tampered = Buffer.from(raw);
      tampered[tampered.indexOf('9')] = '8'.charCodeAt(0);
      return tampered;
    },
    knownVector: {
      request: { rawBody: Buffer.from(vector), headers: {}, query: { signature: 'c306beda7a37b061ef8decf04bc47b46d3bd5d1a' } },
      secret: 'test-token',
    },
  });

  it('refuses a signature that is not a hex SHA-1 digest', () => {
    const request = delivery(body);
    expect(kiwify.verify({ ...request, query: { signature: 'z'.repeat(40) } }, TOKEN)).toEqual({ where: '?signature', reason: 'malformed' });
    expect(kiwify.verify({ ...request, query: { signature: 'abc123' } }, TOKEN)).toEqual({ where: '?signature', reason: 'malformed' });
  });
});
