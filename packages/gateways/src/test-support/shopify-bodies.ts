import { createHmac } from 'node:crypto';
import type { GatewayRequest } from '../types.js';

// Shopify posts the resource itself (a checkout, an order) as the body; what the platform tests send.

export const SECRET = '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';

export const WEBHOOK_ID = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043';

/** A delivery as Shopify posts it: the resource as the body, topic and ids in headers, base64 HMAC-SHA256. */
export function delivery(topic: string | null, body: unknown, options: { secret?: string; headers?: Record<string, string> } = {}): GatewayRequest {
  const raw = JSON.stringify(body);
  const headers: GatewayRequest['headers'] = {
    'content-type': 'application/json',
    'x-shopify-hmac-sha256': createHmac('sha256', options.secret ?? SECRET)
      .update(raw)
      .digest('base64'),
    'x-shopify-shop-domain': 'loja-exemplo.myshopify.com',
    'x-shopify-api-version': '2026-07',
    'x-shopify-webhook-id': WEBHOOK_ID,
    'x-shopify-event-id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
    'x-shopify-triggered-at': '2026-06-08T14:50:00.000000Z',
    ...options.headers,
  };
  if (topic !== null) headers['x-shopify-topic'] = topic;
  return { rawBody: Buffer.from(raw), headers, query: {} };
}

export const TOKEN = 'c1c8e9b2f3a45d6e7f8091a2b3c4d5e6';

export const CHECKOUT_URL = `https://loja-exemplo.myshopify.com/548380009/checkouts/${TOKEN}/recover?key=0a1b2c3d4e5f`;

export const address = (fields: Record<string, unknown> = {}) => ({
  first_name: 'Maria',
  last_name: 'Souza',
  name: 'Maria Souza',
  address1: 'Rua das Flores, 100',
  city: 'São Paulo',
  province: 'São Paulo',
  province_code: 'SP',
  country: 'Brazil',
  country_code: 'BR',
  zip: '01000-000',
  phone: null,
  ...fields,
});

/** checkouts/create and /update (2026-07 sample shape): no top-level id, keyed on `token`; prices as decimal strings. */
export function checkout(fields: Record<string, unknown> = {}) {
  return {
    token: TOKEN,
    cart_token: 'eeafa272cebfd4b22385bc4b645e762c',
    email: 'Maria.Souza@Example.com',
    gateway: null,
    buyer_accepts_marketing: false,
    created_at: '2026-06-08T11:40:00-03:00',
    updated_at: '2026-06-08T11:50:00-03:00',
    currency: 'BRL',
    presentment_currency: 'BRL',
    completed_at: null,
    closed_at: null,
    phone: '+55 11 98765-4321',
    sms_marketing_phone: null,
    customer_locale: 'pt-BR',
    line_items: [
      {
        key: '139cb5712fb4c8d9957dcfad9a3028da',
        product_id: 8123456789012,
        variant_id: 44123456789012,
        title: 'Kit Confeitaria',
        variant_title: 'Completo',
        quantity: 1,
        price: '149.90',
        line_price: '149.90',
        sku: 'KIT-01',
      },
      { key: '2a9f0c1d2e3f40516273849a5b6c7d8e', product_id: 8123456789099, variant_id: 44123456789099, title: 'Espátula', quantity: 1, price: '0.00' },
    ],
    abandoned_checkout_url: CHECKOUT_URL,
    total_discounts: '0.00',
    total_line_items_price: '149.90',
    total_price: '149.90',
    total_tax: '0.00',
    subtotal_price: '149.90',
    billing_address: address(),
    shipping_address: address(),
    customer: { id: 7489123456789, first_name: 'Maria', last_name: 'Souza', email: 'maria.souza@example.com', phone: null, state: 'disabled' },
    ...fields,
  };
}

/** orders/paid: the order, linked to its checkout by checkout_token. */
export function order(fields: Record<string, unknown> = {}) {
  return {
    id: 5678901234567,
    admin_graphql_api_id: 'gid://shopify/Order/5678901234567',
    name: '#1042',
    order_number: 1042,
    token: 'a9b8c7d6e5f4',
    checkout_token: TOKEN,
    cart_token: 'eeafa272cebfd4b22385bc4b645e762c',
    email: 'Maria.Souza@Example.com',
    contact_email: 'Maria.Souza@Example.com',
    phone: null,
    financial_status: 'paid',
    currency: 'BRL',
    presentment_currency: 'BRL',
    created_at: '2026-06-08T11:52:00-03:00',
    processed_at: '2026-06-08T11:53:12-03:00',
    updated_at: '2026-06-08T11:53:40-03:00',
    subtotal_price: '149.90',
    total_price: '154.90',
    total_price_set: { shop_money: { amount: '154.90', currency_code: 'BRL' }, presentment_money: { amount: '154.90', currency_code: 'BRL' } },
    payment_gateway_names: ['pix'],
    line_items: [
      {
        id: 13012345678901,
        product_id: 8123456789012,
        variant_id: 44123456789012,
        title: 'Kit Confeitaria',
        name: 'Kit Confeitaria - Completo',
        price: '149.90',
        quantity: 1,
      },
    ],
    billing_address: address({ phone: '(11) 98765-4321' }),
    shipping_address: address({ phone: '(11) 98765-4321' }),
    customer: { id: 7489123456789, first_name: 'Maria', last_name: 'Souza', email: 'maria.souza@example.com', phone: null },
    ...fields,
  };
}

export const NO_PHONE = {
  phone: null,
  customer: { id: 7489123456789, first_name: 'Maria', email: 'maria.souza@example.com', phone: null },
  billing_address: address(),
  shipping_address: address(),
};
