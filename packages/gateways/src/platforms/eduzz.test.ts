import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { abandonmentOf, impossiblePhoneAt, itChecksTheProof, noPhoneAt, notActedOn, paymentOf, readerOf, contextAt } from '../test-support/gateway-cases.js';
import type { GatewayRequest } from '../types.js';
import { eduzz } from './eduzz.js';

const SECRET = 'eduzz-access-key';
const REMIND_AT = '2026-05-19T04:45:00.000Z';

/** A delivery as Eduzz posts it: the body signed with the configuration's key in x-signature. */
function delivery(body: unknown, secret = SECRET): GatewayRequest {
  const json = JSON.stringify(body);
  const signature = createHmac('sha256', secret).update(json).digest('hex');
  return { rawBody: Buffer.from(json), headers: { 'content-type': 'application/json', 'user-agent': 'Eduzz Webhook', 'x-signature': signature }, query: {} };
}

const read = readerOf(eduzz, delivery, contextAt('2026-05-19T04:15:00.000Z'));

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

/** What every Pix/boleto reminder of the invoice says, whatever its kind. */
const PENDING = {
  abandonmentId: 'eduzz:87654321',
  userId: 'ana.costa@example.com',
  name: 'Ana Costa',
  phone: '+5521998765432',
  email: 'ana.costa@example.com',
  productId: '2984159',
  productName: 'Mentoria Financeira',
  paymentLink: null,
  value: 297.9,
  source: 'eduzz',
  timestamp: '2026-05-18T13:00:00.000Z',
};

describe('eduzz events', () => {
  it('maps myeduzz.invoice_paid to a payment matched to the same invoice', () => {
    expect(read(invoice('myeduzz.invoice_paid'))).toEqual({
      name: 'myeduzz.invoice_paid',
      deliveryKey: 'eduzz:g90wu09uwge',
      mapping: {
        type: 'payment',
        event: {
          paymentId: 'eduzz:87654321',
          status: 'paid',
          amount: 297.9,
          currency: 'BRL',
          productId: '2984159',
          buyer: { phone: PENDING.phone, email: PENDING.email },
          checkoutKey: 'eduzz:87654321',
          source: 'eduzz',
          timestamp: '2026-05-19T04:12:07.529Z',
        },
      },
    });
  });

  it.each([
    [
      'sun.cart_abandonment with the recovery link',
      sunCart(),
      {
        abandonmentId: 'eduzz:92a39f6e26324a65b4f89338ace25cf6',
        userId: 'maria@example.com',
        name: 'Maria Souza',
        phone: '+5511987654321',
        email: 'maria@example.com',
        productId: '2978551',
        productName: undefined,
        paymentLink: 'https://sun.eduzz.com/c_92a39f6e26324a65b4f89338ace25cf6',
        value: null,
        timestamp: '2026-05-19T04:06:59.879Z',
      },
    ],
    [
      'myeduzz.cart_abandonment, in its documented shape,',
      myEduzzCart,
      {
        abandonmentId: 'eduzz:k3j2h1g0f9e8',
        userId: 'carlos.lima@example.com',
        name: 'Carlos Lima',
        phone: '+5531987654321',
        email: 'carlos.lima@example.com',
        productId: '2978551',
        productName: 'Curso de Excel',
        paymentLink: null,
        value: 97,
        timestamp: '2026-05-19T04:00:00.000Z',
      },
    ],
  ])('maps %s to a cart abandonment', (_case, body, cart) => {
    expect(read(body)).toEqual({
      name: body.event,
      deliveryKey: `eduzz:${body.id}`,
      mapping: { type: 'abandonment', event: { ...cart, kind: 'cart', source: 'eduzz' } },
    });
  });

  it('maps a Pix invoice waiting for payment to a delayed pix_generated reminder', () => {
    expect(read(invoice('myeduzz.invoice_waiting_payment', { status: 'waiting_payment', paymentMethod: 'pix' })).mapping).toEqual({
      type: 'abandonment',
      event: { ...PENDING, kind: 'pix_generated', notBefore: REMIND_AT },
    });
  });

  it('maps a boleto invoice waiting for payment to a delayed boleto_printed reminder', () => {
    expect(read(invoice('myeduzz.invoice_waiting_payment', { status: 'waiting_payment', paymentMethod: 'bankslip' })).mapping).toEqual({
      type: 'abandonment',
      event: { ...PENDING, kind: 'boleto_printed', notBefore: REMIND_AT },
    });
  });

  it.each([
    ['pix', 'pix_expired'],
    ['bankslip', 'boleto_expired'],
  ])('maps an expired %s invoice to an immediate %s abandonment of its own', (paymentMethod, kind) => {
    const { mapping } = read(invoice('myeduzz.invoice_expired', { status: 'expired', paymentMethod }));
    expect(mapping).toEqual({ type: 'abandonment', event: { ...PENDING, abandonmentId: 'eduzz:87654321:expired', kind } });
    expect(abandonmentOf(mapping).notBefore).toBeUndefined();
  });

  it('ignores pending or expired invoices that are not Pix or boleto', () => {
    expect(read(invoice('myeduzz.invoice_waiting_payment', { paymentMethod: 'creditCard' })).mapping).toEqual({
      type: 'ignored',
      reason: 'paymentMethod creditCard is neither Pix nor boleto',
    });
    expect(read(invoice('myeduzz.invoice_expired', { paymentMethod: undefined })).mapping).toMatchObject({ type: 'ignored' });
  });

  it('ignores events Sara does not act on', () => {
    expect(read(invoice('myeduzz.invoice_refunded')).mapping).toEqual(notActedOn('myeduzz.invoice_refunded'));
    expect(read({ id: 'p1', event: 'ping', data: {}, sentDate: '2026-05-19T04:12:07.529Z' }).mapping).toMatchObject({ type: 'ignored' });
  });

  it('ignores an abandonment without a phone, saying which field was empty', () => {
    expect(read(sunCart({ customer: { name: 'Maria Souza', email: 'maria@example.com' } })).mapping).toEqual(noPhoneAt('data.customer.phone'));
    const noPhones = { cellphone: null, phone: null, phone2: null };
    expect(read(invoice('myeduzz.invoice_waiting_payment', { paymentMethod: 'pix' }, noPhones)).mapping).toMatchObject({
      type: 'ignored',
      reason: expect.stringContaining('data.buyer.cellphone is missing'),
    });
  });

  it('rejects an abandonment with an impossible phone, naming the field', () => {
    expect(read(sunCart({ customer: { name: 'Maria Souza', phone: '+55 11 1234' } })).mapping).toMatchObject(impossiblePhoneAt('data.customer.phone'));
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
    const { mapping } = read(invoice('myeduzz.invoice_paid', {}, { cellphone: '(21) 9876', phone: '(21) 98' }));
    expect(mapping).toMatchObject({ type: 'payment', event: { paymentId: 'eduzz:87654321', amount: 297.9 } });
    expect(paymentOf(mapping).buyer).toEqual({ phone: undefined, email: PENDING.email });
  });
});

describe('eduzz signature (x-signature: hex HMAC-SHA256 of the raw body)', () => {
  const body = invoice('myeduzz.invoice_paid');
  const vector = '{"id":"g90wu09uwge","event":"myeduzz.invoice_paid","data":{"id":"12345678","status":"paid"},"sentDate":"2024-01-09T14:45:00.000Z"}';

  itChecksTheProof({
    adapter: eduzz,
    secret: SECRET,
    where: 'x-signature',
    deliver: (secret) => delivery(body, secret),
    withProof: (request, signature) => {
      const { 'x-signature': _signature, ...headers } = request.headers;
      return { ...request, headers: signature === null ? headers : { ...headers, 'x-signature': signature } };
    },
    blank: [''],
    // Node's hex decoder stops at the first odd or non-hex character, so these read as the digest.
    loosened: (signature) => [`${signature}0`, `${signature}f`, `${signature}z`, `${signature}00`],
    tamper: (raw) => {
      const tampered = Buffer.from(raw.toString().replace('297.9', '197.9'));
      // Same length: only the bytes differ, not where the body ends.
      expect(tampered.length).toBe(raw.length);
      return tampered;
    },
    knownVector: {
      request: { rawBody: Buffer.from(vector), headers: { 'x-signature': '6c0760b337514d82b4fb1f4b7a85d2ae153cc7a8377f9e6de99093e3095b8480' }, query: {} },
      secret: 'test-secret',
    },
  });

  it('refuses a signature that is not a hex SHA-256 digest', () => {
    const request = delivery(body);
    expect(eduzz.verify({ ...request, headers: { 'x-signature': 'g'.repeat(64) } }, SECRET)).toEqual({ where: 'x-signature', reason: 'malformed' });
    const base64 = createHmac('sha256', SECRET).update(request.rawBody).digest('base64');
    expect(eduzz.verify({ ...request, headers: { 'x-signature': base64 } }, SECRET)).toEqual({ where: 'x-signature', reason: 'malformed' });
  });
});
