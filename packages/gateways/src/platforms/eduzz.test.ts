import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { understand } from '../gateway.js';
import type { GatewayRequest, GatewaySettings } from '../types.js';
import { eduzz } from './eduzz.js';

const SECRET = 'eduzz-access-key';
const settings: GatewaySettings = { now: new Date('2026-05-19T04:15:00.000Z'), shopifyAbandonDelayMs: 3_600_000, pendingPaymentDelayMs: 1_800_000 };
const REMIND_AT = '2026-05-19T04:45:00.000Z';

/** A delivery as Eduzz posts it: the body signed with the configuration's key in x-signature. */
function delivery(body: unknown, secret = SECRET): GatewayRequest {
  const json = JSON.stringify(body);
  const signature = createHmac('sha256', secret).update(json).digest('hex');
  return { rawBody: Buffer.from(json), headers: { 'content-type': 'application/json', 'user-agent': 'Eduzz Webhook', 'x-signature': signature }, query: {} };
}

const read = (body: unknown) => understand(eduzz, body, delivery(body), settings);

function invoice(event: string, data: Record<string, unknown> = {}, buyer: Record<string, unknown> = {}) {
  return {
    id: 'g90wu09uwge',
    event,
    sentDate: '2026-05-19T04:12:07.529Z',
    data: {
      id: '87654321',
      status: 'paid',
      producer: { id: '123456', email: 'produtor@example.com', name: 'Fulano da Silva' },
      buyer: { name: 'Ana Costa', email: 'Ana.Costa@Example.com', phone: '(21) 3333-4444', phone2: null, cellphone: '(21) 99876-5432', ...buyer },
      createdAt: '2026-05-18T13:00:00.000Z',
      price: { currency: 'BRL', value: 297.9 },
      paymentMethod: 'creditCard',
      installments: 1,
      items: [{ productId: '2984159', name: 'Mentoria Financeira', price: { currency: 'BRL', value: 297.9 } }],
      ...data,
    },
  };
}

function sunCart(data: Record<string, unknown> = {}) {
  return {
    id: 'lvxyo2lzuhb5j8llfovo7gow5',
    data: {
      href: 'https://elements2.eduzz.com/89AQE26EWD?transactionKey=92a39f6e26324a65b4f89338ace25cf6&valor=49&moeda=BRL',
      customer: { name: 'Maria Souza', email: 'maria@example.com', phone: '+55 11 98765-4321' },
      lastStep: 'payment_failed',
      productId: ['2978551'],
      updatedAt: '2026-05-19T04:06:59.879Z',
      producerId: 74997937,
      transactionId: '92a39f6e26324a65b4f89338ace25cf6',
      saleRecoveryUrl: 'https://sun.eduzz.com/c_92a39f6e26324a65b4f89338ace25cf6',
      ...data,
    },
    event: 'sun.cart_abandonment',
    sentDate: '2026-05-19T04:12:07.529Z',
  };
}

/** The MyEduzz cart as documented before Eduzz dropped it: the buyer and items as on invoices. */
const myEduzzCart = {
  id: 'k3j2h1g0f9e8',
  event: 'myeduzz.cart_abandonment',
  sentDate: '2026-05-19T04:12:07.529Z',
  data: {
    status: 'abandoned',
    buyer: { name: 'Carlos Lima', email: 'carlos.lima@example.com', phone: '5531987654321' },
    createdAt: '2026-05-19T04:00:00.000Z',
    price: { currency: 'BRL', value: 97 },
    items: [{ productId: '2978551', name: 'Curso de Excel', price: { currency: 'BRL', value: 97 } }],
  },
};

const PENDING = {
  abandonmentId: 'eduzz:87654321',
  userId: 'ana.costa@example.com',
  name: 'Ana Costa',
  phone: '+5521998765432',
  email: 'ana.costa@example.com',
};

describe('eduzz events', () => {
  it('maps myeduzz.invoice_paid to a payment matched to the same invoice', () => {
    const understood = read(invoice('myeduzz.invoice_paid'));
    expect(understood.name).toBe('myeduzz.invoice_paid');
    expect(understood.deliveryKey).toBe('eduzz:g90wu09uwge');
    expect(understood.mapping).toEqual({
      type: 'payment',
      event: {
        paymentId: 'eduzz:87654321',
        status: 'paid',
        amount: 297.9,
        currency: 'BRL',
        productId: '2984159',
        buyer: { phone: '+5521998765432', email: 'ana.costa@example.com' },
        checkoutKey: 'eduzz:87654321',
        source: 'eduzz',
        timestamp: '2026-05-19T04:12:07.529Z',
      },
    });
  });

  it('maps sun.cart_abandonment to a cart abandonment with the recovery link', () => {
    const understood = read(sunCart());
    expect(understood.deliveryKey).toBe('eduzz:lvxyo2lzuhb5j8llfovo7gow5');
    expect(understood.mapping).toEqual({
      type: 'abandonment',
      event: {
        abandonmentId: 'eduzz:92a39f6e26324a65b4f89338ace25cf6',
        userId: 'maria@example.com',
        name: 'Maria Souza',
        phone: '+5511987654321',
        email: 'maria@example.com',
        productId: '2978551',
        productName: undefined,
        paymentLink: 'https://sun.eduzz.com/c_92a39f6e26324a65b4f89338ace25cf6',
        value: null,
        kind: 'cart',
        source: 'eduzz',
        timestamp: '2026-05-19T04:06:59.879Z',
      },
    });
  });

  it('maps myeduzz.cart_abandonment, in its documented shape, to a cart abandonment', () => {
    expect(read(myEduzzCart).mapping).toEqual({
      type: 'abandonment',
      event: {
        abandonmentId: 'eduzz:k3j2h1g0f9e8',
        userId: 'carlos.lima@example.com',
        name: 'Carlos Lima',
        phone: '+5531987654321',
        email: 'carlos.lima@example.com',
        productId: '2978551',
        productName: 'Curso de Excel',
        paymentLink: null,
        value: 97,
        kind: 'cart',
        source: 'eduzz',
        timestamp: '2026-05-19T04:00:00.000Z',
      },
    });
  });

  it('maps a Pix invoice waiting for payment to a delayed pix_generated reminder', () => {
    expect(read(invoice('myeduzz.invoice_waiting_payment', { status: 'waiting_payment', paymentMethod: 'pix' })).mapping).toEqual({
      type: 'abandonment',
      event: {
        ...PENDING,
        productId: '2984159',
        productName: 'Mentoria Financeira',
        paymentLink: null,
        value: 297.9,
        kind: 'pix_generated',
        source: 'eduzz',
        timestamp: '2026-05-18T13:00:00.000Z',
        notBefore: REMIND_AT,
      },
    });
  });

  it('maps a boleto invoice waiting for payment to a delayed boleto_printed reminder', () => {
    expect(read(invoice('myeduzz.invoice_waiting_payment', { status: 'waiting_payment', paymentMethod: 'bankslip' })).mapping).toMatchObject({
      type: 'abandonment',
      event: { ...PENDING, kind: 'boleto_printed', notBefore: REMIND_AT },
    });
  });

  it('maps an expired Pix or boleto invoice to an immediate expiry abandonment of its own', () => {
    for (const [paymentMethod, kind] of [
      ['pix', 'pix_expired'],
      ['bankslip', 'boleto_expired'],
    ] as const) {
      const { mapping } = read(invoice('myeduzz.invoice_expired', { status: 'expired', paymentMethod }));
      expect(mapping).toMatchObject({
        type: 'abandonment',
        event: { ...PENDING, abandonmentId: 'eduzz:87654321:expired', kind, paymentLink: null, value: 297.9 },
      });
      if (mapping.type !== 'abandonment') throw new Error('expected an abandonment');
      expect(mapping.event.notBefore).toBeUndefined();
    }
  });

  it('ignores pending or expired invoices that are not Pix or boleto', () => {
    expect(read(invoice('myeduzz.invoice_waiting_payment', { paymentMethod: 'creditCard' })).mapping).toEqual({
      type: 'ignored',
      reason: 'paymentMethod creditCard is neither Pix nor boleto',
    });
    expect(read(invoice('myeduzz.invoice_expired', { paymentMethod: undefined })).mapping).toMatchObject({ type: 'ignored' });
  });

  it('ignores events Sara does not act on', () => {
    expect(read(invoice('myeduzz.invoice_refunded')).mapping).toEqual({ type: 'ignored', reason: 'myeduzz.invoice_refunded is not an event Sara acts on' });
    expect(read({ id: 'p1', event: 'ping', data: {}, sentDate: '2026-05-19T04:12:07.529Z' }).mapping).toMatchObject({ type: 'ignored' });
  });

  it('ignores an abandonment without a phone, saying which field was empty', () => {
    expect(read(sunCart({ customer: { name: 'Maria Souza', email: 'maria@example.com' } })).mapping).toEqual({
      type: 'ignored',
      reason: 'data.customer.phone is missing: the buyer cannot be reached on WhatsApp without it',
    });
    const noPhones = { cellphone: null, phone: null, phone2: null };
    expect(read(invoice('myeduzz.invoice_waiting_payment', { paymentMethod: 'pix' }, noPhones)).mapping).toMatchObject({
      type: 'ignored',
      reason: expect.stringContaining('data.buyer.cellphone is missing'),
    });
  });

  it('rejects an abandonment with an impossible phone, naming the field', () => {
    expect(read(sunCart({ customer: { name: 'Maria Souza', phone: '+55 11 1234' } })).mapping).toMatchObject({
      type: 'rejected',
      field: 'data.customer.phone',
      reason: expect.stringContaining('not a valid phone'),
    });
    expect(read(invoice('myeduzz.invoice_expired', { paymentMethod: 'pix' }, { cellphone: '(21) 9876', phone: '(21) 98' })).mapping).toMatchObject({
      type: 'rejected',
      field: 'data.buyer.cellphone',
    });
  });

  it('falls back to the next phone field when the first is damaged', () => {
    const understood = read(invoice('myeduzz.invoice_expired', { paymentMethod: 'pix' }, { cellphone: '(21) 9876' }));
    expect(understood.mapping).toMatchObject({ type: 'abandonment', event: { phone: '+552133334444' } });
  });

  it('rejects a cart whose recovery link is not a URL', () => {
    expect(read(sunCart({ saleRecoveryUrl: 'c_92a39f6e' })).mapping).toMatchObject({ type: 'rejected', field: 'data.saleRecoveryUrl' });
  });

  it('keeps a payment whose phone is damaged, matched by email alone', () => {
    const understood = read(invoice('myeduzz.invoice_paid', {}, { cellphone: '(21) 9876', phone: '(21) 98' }));
    expect(understood.mapping).toMatchObject({ type: 'payment', event: { paymentId: 'eduzz:87654321', amount: 297.9 } });
    if (understood.mapping.type !== 'payment') throw new Error('expected a payment');
    expect(understood.mapping.event.buyer).toEqual({ phone: undefined, email: 'ana.costa@example.com' });
  });
});

describe('eduzz signature (x-signature: hex HMAC-SHA256 of the raw body)', () => {
  const body = invoice('myeduzz.invoice_paid');

  it('accepts a delivery signed with the key', () => {
    expect(eduzz.verify(delivery(body), SECRET)).toBeNull();
  });

  it('matches the known vector', () => {
    const json = '{"id":"g90wu09uwge","event":"myeduzz.invoice_paid","data":{"id":"12345678","status":"paid"},"sentDate":"2024-01-09T14:45:00.000Z"}';
    const request = { rawBody: Buffer.from(json), headers: { 'x-signature': '6c0760b337514d82b4fb1f4b7a85d2ae153cc7a8377f9e6de99093e3095b8480' }, query: {} };
    expect(eduzz.verify(request, 'test-secret')).toBeNull();
  });

  it('refuses a delivery without a signature', () => {
    const { 'x-signature': _signature, ...headers } = delivery(body).headers;
    expect(eduzz.verify({ ...delivery(body), headers }, SECRET)).toEqual({ where: 'x-signature', reason: 'missing' });
  });

  it('refuses a delivery signed with another key', () => {
    expect(eduzz.verify(delivery(body, 'another-key'), SECRET)).toEqual({ where: 'x-signature', reason: 'mismatch' });
  });

  it('refuses a body changed after signing', () => {
    const request = delivery(body);
    const tampered = Buffer.from(request.rawBody.toString().replace('297.9', '197.9'));
    expect(tampered.length).toBe(request.rawBody.length);
    expect(eduzz.verify({ ...request, rawBody: tampered }, SECRET)).toEqual({ where: 'x-signature', reason: 'mismatch' });
  });

  it('refuses a signature that is not a hex SHA-256 digest', () => {
    const request = delivery(body);
    expect(eduzz.verify({ ...request, headers: { 'x-signature': 'g'.repeat(64) } }, SECRET)).toEqual({ where: 'x-signature', reason: 'malformed' });
    const base64 = createHmac('sha256', SECRET).update(request.rawBody).digest('base64');
    expect(eduzz.verify({ ...request, headers: { 'x-signature': base64 } }, SECRET)).toEqual({ where: 'x-signature', reason: 'malformed' });
  });
});
