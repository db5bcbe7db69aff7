import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { understand } from '../gateway.js';
import { impossiblePhoneAt, itChecksTheProof, notActedOn, paymentOf, contextAt } from '../test-support/gateway-cases.js';
import type { GatewayRequest } from '../types.js';
import { shopify } from './shopify.js';
import { address, CHECKOUT_URL, checkout, delivery, NO_PHONE, order, SECRET, TOKEN, WEBHOOK_ID } from '../test-support/shopify-bodies.js';

const context = contextAt('2026-06-08T15:00:00.000Z');

const read = (topic: string, body: unknown) => understand(shopify, body, delivery(topic, body), context);

describe('shopify checkouts', () => {
  it('maps an open checkout with a phone to a cart abandonment due once it has sat idle for the delay', () => {
    expect(read('checkouts/create', checkout())).toEqual({
      name: 'checkouts/create',
      deliveryKey: `shopify:${WEBHOOK_ID}`,
      mapping: {
        type: 'abandonment',
        event: {
          abandonmentId: `shopify:${TOKEN}`,
          userId: 'maria.souza@example.com',
          name: 'Maria',
          phone: '+5511987654321',
          email: 'maria.souza@example.com',
          productId: '8123456789012',
          productName: 'Kit Confeitaria',
          paymentLink: CHECKOUT_URL,
          value: 149.9,
          kind: 'cart',
          source: 'shopify',
          // 11:50 at -03:00 is 14:50 UTC; the abandonment delay (1 h) runs from there.
          timestamp: '2026-06-08T14:50:00.000Z',
          notBefore: '2026-06-08T15:50:00.000Z',
        },
      },
    });
  });

  it('maps checkouts/update the same way, so a later update moves the same abandonment on', () => {
    const understood = read('checkouts/update', checkout({ updated_at: '2026-06-08T12:20:00-03:00' }));
    expect(understood.mapping).toMatchObject({
      type: 'abandonment',
      event: { abandonmentId: `shopify:${TOKEN}`, timestamp: '2026-06-08T15:20:00.000Z', notBefore: '2026-06-08T16:20:00.000Z' },
    });
  });

  it('counts the delay from SHOPIFY_ABANDONMENT_DELAY_MINUTES', () => {
    const body = checkout();
    const understood = understand(shopify, body, delivery('checkouts/create', body), { ...context, env: { SHOPIFY_ABANDONMENT_DELAY_MINUTES: 10 } });
    expect(understood.mapping).toMatchObject({ event: { notBefore: '2026-06-08T15:00:00.000Z' } });
  });

  it('dates a checkout without updated_at by created_at, and one with neither by now', () => {
    expect(read('checkouts/create', checkout({ updated_at: null })).mapping).toMatchObject({
      event: { timestamp: '2026-06-08T14:40:00.000Z', notBefore: '2026-06-08T15:40:00.000Z' },
    });
    expect(read('checkouts/create', checkout({ updated_at: null, created_at: null })).mapping).toMatchObject({
      event: { timestamp: '2026-06-08T15:00:00.000Z', notBefore: '2026-06-08T16:00:00.000Z' },
    });
  });

  it.each([
    ['customer', { customer: { id: 7489123456789, first_name: 'Maria', phone: '11987654321' } }, '+5511987654321'],
    ['billing address', { billing_address: address({ phone: '(21) 99876-5432' }) }, '+5521998765432'],
    ['shipping address', { shipping_address: address({ phone: '+55 31 98765-4321' }) }, '+5531987654321'],
  ])('finds the phone in the %s', (_where, fields, phone) => {
    expect(read('checkouts/create', checkout({ ...NO_PHONE, ...fields })).mapping).toMatchObject({
      type: 'abandonment',
      event: { abandonmentId: `shopify:${TOKEN}`, phone },
    });
  });

  it('ignores a checkout with no phone anywhere yet', () => {
    expect(read('checkouts/create', checkout(NO_PHONE)).mapping).toEqual({ type: 'ignored', reason: 'the checkout has no phone yet' });
    expect(read('checkouts/update', checkout({ ...NO_PHONE, phone: '  ', customer: null, billing_address: null, shipping_address: null })).mapping).toEqual({
      type: 'ignored',
      reason: 'the checkout has no phone yet',
    });
  });

  it('rejects a checkout whose phone is impossible, naming the field', () => {
    expect(read('checkouts/create', checkout({ phone: '(11) 1234' })).mapping).toMatchObject(impossiblePhoneAt('phone'));
    expect(read('checkouts/create', checkout({ ...NO_PHONE, billing_address: address({ phone: '555-555-BILL' }) })).mapping).toEqual({
      type: 'rejected',
      field: 'billing_address.phone',
      reason: 'contains letters',
    });
  });

  it('identifies a guest by email and greets them by the billing name', () => {
    const understood = read('checkouts/create', checkout({ customer: null, billing_address: address({ first_name: 'Ana' }) }));
    expect(understood.mapping).toMatchObject({ type: 'abandonment', event: { userId: 'maria.souza@example.com', name: 'Ana' } });
  });

  it('leaves link and value empty when the checkout has none', () => {
    expect(read('checkouts/create', checkout({ abandoned_checkout_url: null, total_price: null })).mapping).toMatchObject({
      type: 'abandonment',
      event: { paymentLink: null, value: null },
    });
  });

  it('rejects a checkout without line items: no product to talk about', () => {
    expect(read('checkouts/create', checkout({ line_items: [] })).mapping).toEqual({
      type: 'rejected',
      field: 'line_items.0.product_id',
      reason: 'is missing',
    });
  });

  it('maps a completed checkout to the completion of its abandonment', () => {
    expect(read('checkouts/update', checkout({ completed_at: '2026-06-08T11:53:00-03:00' })).mapping).toEqual({
      type: 'checkout_completed',
      checkoutKey: `shopify:${TOKEN}`,
    });
    // Completion wins even before a phone was typed.
    expect(read('checkouts/update', checkout({ ...NO_PHONE, completed_at: '2026-06-08T11:53:00-03:00' })).mapping).toEqual({
      type: 'checkout_completed',
      checkoutKey: `shopify:${TOKEN}`,
    });
  });

  it('rejects a checkout without a token', () => {
    expect(read('checkouts/create', checkout({ token: null })).mapping).toEqual({ type: 'rejected', field: 'token', reason: 'is missing' });
  });
});

describe('shopify orders/paid', () => {
  it('reads an order id beyond 2^53 exactly from its GraphQL id', () => {
    const raw = JSON.stringify(order()).replace(/"id":\s*\d+/, '"id": 820982911946154508');
    const body = { ...(JSON.parse(raw) as Record<string, unknown>), admin_graphql_api_id: 'gid://shopify/Order/820982911946154508' };
    expect(read('orders/paid', body).mapping).toMatchObject({ type: 'payment', event: { paymentId: 'shopify:820982911946154508' } });
  });

  it('takes a good shipping phone when the billing one is damaged', () => {
    const body = checkout({
      phone: null,
      customer: { first_name: 'Maria', email: 'maria.souza@example.com', phone: null },
      billing_address: address({ phone: '555-555-BILL' }),
      shipping_address: address({ phone: '+55 11 98765-4321' }),
    });
    expect(read('checkouts/update', body).mapping).toMatchObject({ type: 'abandonment', event: { phone: '+5511987654321' } });
  });

  it('maps orders/paid to a payment matched to its checkout', () => {
    expect(read('orders/paid', order())).toEqual({
      name: 'orders/paid',
      deliveryKey: `shopify:${WEBHOOK_ID}`,
      mapping: {
        type: 'payment',
        event: {
          paymentId: 'shopify:5678901234567',
          status: 'paid',
          amount: 154.9,
          currency: 'BRL',
          productId: '8123456789012',
          buyer: { phone: '+5511987654321', email: 'maria.souza@example.com' },
          checkoutKey: `shopify:${TOKEN}`,
          source: 'shopify',
          timestamp: '2026-06-08T14:53:12.000Z',
        },
      },
    });
  });

  it('keeps an order without a checkout_token, matched by buyer', () => {
    const { mapping } = read('orders/paid', order({ checkout_token: null }));
    expect(mapping).toMatchObject({ type: 'payment', event: { paymentId: 'shopify:5678901234567', buyer: { email: 'maria.souza@example.com' } } });
    expect(paymentOf(mapping).checkoutKey).toBeUndefined();
  });

  it('keeps an order whose phone is damaged, without the phone', () => {
    const damaged = { billing_address: address({ phone: '555-555-BILL' }), shipping_address: address({ phone: '555-555-SHIP' }) };
    expect(paymentOf(read('orders/paid', order(damaged)).mapping).buyer).toEqual({ phone: undefined, email: 'maria.souza@example.com' });
  });

  it('rejects an order without a total', () => {
    expect(read('orders/paid', order({ total_price: null })).mapping).toEqual({ type: 'rejected', field: 'total_price', reason: 'is missing' });
    expect(read('orders/paid', order({ total_price: '0.00' })).mapping).toEqual({ type: 'rejected', field: 'total_price', reason: 'must be positive' });
  });
});

describe('shopify topic and delivery id headers', () => {
  it('reads the event from X-Shopify-Topic, not the body', () => {
    const body = { ...checkout(), topic: 'orders/paid' };
    const understood = understand(shopify, body, delivery('checkouts/create', body), context);
    expect(understood.name).toBe('checkouts/create');
    expect(understood.mapping.type).toBe('abandonment');
  });

  it('ignores topics Sara does not act on', () => {
    expect(read('orders/create', order()).mapping).toEqual(notActedOn('orders/create'));
    expect(read('checkouts/delete', { id: 1, token: TOKEN }).mapping).toEqual(notActedOn('checkouts/delete'));
  });

  it('rejects a delivery without a topic header', () => {
    const body = checkout();
    const understood = understand(shopify, body, delivery(null, body), context);
    expect(understood.name).toBeUndefined();
    expect(understood.mapping).toEqual({ type: 'rejected', field: 'event', reason: 'names no shopify event type' });
  });

  it('keys the delivery by X-Shopify-Webhook-Id, else X-Shopify-Event-Id, else a hash of the body', () => {
    const body = checkout();
    const request = delivery('checkouts/create', body);
    expect(understand(shopify, body, request, context).deliveryKey).toBe(`shopify:${WEBHOOK_ID}`);
    const { 'x-shopify-webhook-id': _webhookId, ...withoutWebhookId } = request.headers;
    expect(understand(shopify, body, { ...request, headers: withoutWebhookId }, context).deliveryKey).toBe('shopify:98880550-7158-44d4-b7cd-2c97c8a091b5');
    const { 'x-shopify-event-id': _eventId, ...withoutIds } = withoutWebhookId;
    expect(understand(shopify, body, { ...request, headers: withoutIds }, context).deliveryKey).toMatch(/^shopify:sha256:[0-9a-f]{64}$/);
  });
});

describe('shopify signature (X-Shopify-Hmac-Sha256, base64 HMAC-SHA256 of the raw body)', () => {
  const body = checkout();
  const withHmac = (request: GatewayRequest, hmac: string): GatewayRequest => ({ ...request, headers: { ...request.headers, 'x-shopify-hmac-sha256': hmac } });

  const vector: GatewayRequest = {
    rawBody: Buffer.from('{"token":"123123123","email":"maria@example.com"}'),
    headers: { 'x-shopify-hmac-sha256': 'rOWGGuCBSe9oY/KEghfh4e1ikfgfp2IJnuiULx+6Gis=' },
    query: {},
  };

  itChecksTheProof({
    adapter: shopify,
    secret: SECRET,
    where: 'X-Shopify-Hmac-Sha256',
    deliver: (secret) => delivery('checkouts/create', body, { secret }),
    withProof: (request, hmac) => {
      const { 'x-shopify-hmac-sha256': _hmac, ...headers } = request.headers;
      return hmac === null ? { ...request, headers } : withHmac(request, hmac);
    },
    blank: [' '],
    // A SHA-256 digest is 43 base64 characters and one '=': the last character's two low bits
    // are spare, and Node's decoder ignores them, extra padding and missing padding alike.
    loosened: (hmac) => {
      const last = hmac.charAt(42);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const spare = alphabet.charAt(alphabet.indexOf(last) ^ 1);
      return [`${hmac.slice(0, 42)}${spare}=`, `${hmac}=`, hmac.slice(0, 43), `${hmac}==`];
    },
    tamper: (raw) => Buffer.from(raw.toString('utf8').replace('"149.90"', '"14.99"')),
    knownVector: { request: vector, secret: 'test-secret' },
  });

  it('refuses the known vector under another secret', () => {
    expect(shopify.verify(vector, 'test-secret2')).toEqual({ where: 'X-Shopify-Hmac-Sha256', reason: 'mismatch' });
  });

  it('refuses a value that is not a base64 SHA-256 digest', () => {
    const request = delivery('checkouts/create', body);
    const hex = createHmac('sha256', SECRET).update(request.rawBody).digest('hex');
    expect(shopify.verify(withHmac(request, 'not base64!'), SECRET)).toEqual({ where: 'X-Shopify-Hmac-Sha256', reason: 'malformed' });
    expect(shopify.verify(withHmac(request, 'sha256=abc'), SECRET)).toEqual({ where: 'X-Shopify-Hmac-Sha256', reason: 'malformed' });
    // The right digest in hex is the wrong encoding: 64 characters decode to 48 bytes, not 32.
    expect(shopify.verify(withHmac(request, hex), SECRET)).toEqual({ where: 'X-Shopify-Hmac-Sha256', reason: 'malformed' });
    expect(shopify.verify(withHmac(request, 'AAAA'), SECRET)).toEqual({ where: 'X-Shopify-Hmac-Sha256', reason: 'malformed' });
  });
});
