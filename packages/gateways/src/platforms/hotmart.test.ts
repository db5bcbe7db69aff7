import { describe, expect, it } from 'vitest';
import { understand } from '../gateway.js';
import type { GatewayRequest, GatewaySettings } from '../types.js';
import { hotmart } from './hotmart.js';

const HOTTOK = 'hotmart-hottok-8f2c1e';
const settings: GatewaySettings = { now: new Date('2026-06-08T15:00:00.000Z'), shopifyAbandonDelayMs: 3_600_000, pendingPaymentDelayMs: 1_800_000 };
const REMIND_AT = '2026-06-08T15:30:00.000Z';

/** A delivery as Hotmart posts it: the account's hottok as is in X-HOTMART-HOTTOK (lower-cased by Node). */
/** `token: null` sends no header at all. */
function delivery(body: unknown, token: string | null = HOTTOK): GatewayRequest {
  const headers: GatewayRequest['headers'] = { 'content-type': 'application/json', 'user-agent': 'Hotmart-Webhook' };
  if (token !== null) headers['x-hotmart-hottok'] = token;
  return { rawBody: Buffer.from(JSON.stringify(body)), headers, query: {} };
}

const read = (body: unknown) => understand(hotmart, body, delivery(body), settings);

const EVENT_ID = '97e982a0-544b-49de-82c3-5524806a17f0';
const TRANSACTION = 'HP0967750879';
// 2026-06-08T14:50:00Z and 14:53:12Z in epoch milliseconds, as Hotmart sends its dates.
const CREATED_MS = 1780930200000;
const APPROVED_MS = 1780930392000;

/** PURCHASE_OUT_OF_SHOPPING_CART 2.0.0: buyer{name,email,phone}, product{id,name}, no price, no link. */
function cart(buyer: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) {
  return {
    id: EVENT_ID,
    creation_date: CREATED_MS,
    event: 'PURCHASE_OUT_OF_SHOPPING_CART',
    version: '2.0.0',
    data: {
      affiliate: false,
      product: { id: 1355458, name: 'Curso de Confeitaria' },
      buyer: { name: 'Julia Santos', email: 'Julia.Santos@Example.com', phone: '(31) 99999-8888', ...buyer },
      offer: { code: '0rgmjkb1' },
      checkout_country: { name: 'Brasil', iso: 'BR' },
    },
    ...overrides,
  };
}

/** A purchase event 2.0.0: the buyer's phone in checkout_phone, the price in reais. */
function purchase(event: string, purchaseFields: Record<string, unknown> = {}, buyer: Record<string, unknown> = {}) {
  return {
    id: 'a51689a6-8e24-4b9a-b8b6-9214cb0ec15e',
    creation_date: CREATED_MS,
    event,
    version: '2.0.0',
    data: {
      product: { id: 1355458, ucode: 'a1b2c3d4-0000-4000-8000-000000000000', name: 'Curso de Confeitaria' },
      buyer: {
        name: 'Maria Rodrigues',
        first_name: 'Maria',
        last_name: 'Rodrigues',
        email: 'Maria.Rodrigues@Example.com',
        checkout_phone: '+55 11 98765-4321',
        ...buyer,
      },
      purchase: {
        transaction: TRANSACTION,
        status: 'APPROVED',
        order_date: CREATED_MS,
        approved_date: APPROVED_MS,
        price: { value: 1497, currency_value: 'BRL' },
        full_price: { value: 1497, currency_value: 'BRL' },
        offer: { code: 'tdl7nakn' },
        payment: { type: 'CREDIT_CARD', installments_number: 1 },
        ...purchaseFields,
      },
    },
  };
}

const PIX_QRCODE = 'https://live-us.adyen.com/hpp/generateQRCodeImage.shtml?url=00020101021226900014br.gov.bcb.pix';
const PIX_PAYMENT = {
  status: 'WAITING_PAYMENT',
  approved_date: null,
  payment: {
    type: 'PIX',
    installments_number: 1,
    pix_code: '00020101021226900014br.gov.bcb.pix2568pix.adyen.com/pixqrcodelocation/pixloc/v1/loc/dX4PUvzmQyiF',
    pix_qrcode: PIX_QRCODE,
    pix_expiration_date: 1781016600000,
  },
};
const BILLET_URL = 'https://billet-link.com/bHP02316330308193';
const BILLET_PAYMENT = {
  status: 'PRINTED_BILLET',
  approved_date: null,
  payment: { type: 'BILLET', installments_number: 1, billet_barcode: '03399.33335 33823.303087 19802.801027 2 87630000015000', billet_url: BILLET_URL },
};

/** What every Pix/boleto reminder of this purchase says, whatever its kind. */
const PENDING = {
  abandonmentId: `hotmart:${TRANSACTION}`,
  userId: 'maria.rodrigues@example.com',
  name: 'Maria Rodrigues',
  phone: '+5511987654321',
  email: 'maria.rodrigues@example.com',
  productId: '1355458',
  productName: 'Curso de Confeitaria',
  value: 1497,
  source: 'hotmart',
  timestamp: '2026-06-08T14:50:00.000Z',
};

describe('hotmart abandoned cart', () => {
  it('maps PURCHASE_OUT_OF_SHOPPING_CART to a cart abandonment without link or price', () => {
    const understood = read(cart());
    expect(understood.name).toBe('PURCHASE_OUT_OF_SHOPPING_CART');
    expect(understood.deliveryKey).toBe(`hotmart:${EVENT_ID}`);
    expect(understood.mapping).toEqual({
      type: 'abandonment',
      event: {
        abandonmentId: `hotmart:${EVENT_ID}`,
        userId: 'julia.santos@example.com',
        name: 'Julia Santos',
        phone: '+5531999998888',
        email: 'julia.santos@example.com',
        productId: '1355458',
        productName: 'Curso de Confeitaria',
        paymentLink: null,
        value: null,
        kind: 'cart',
        source: 'hotmart',
        timestamp: '2026-06-08T14:50:00.000Z',
      },
    });
    if (understood.mapping.type !== 'abandonment') throw new Error('expected an abandonment');
    expect(understood.mapping.event).not.toHaveProperty('notBefore');
  });

  it('reads an international buyer’s phone with its country code', () => {
    expect(read(cart({ phone: '+351 912 345 678' })).mapping).toMatchObject({ type: 'abandonment', event: { phone: '+351912345678' } });
  });

  it('identifies a buyer without an email by the phone', () => {
    const understood = read(cart({ email: null }));
    expect(understood.mapping).toMatchObject({ type: 'abandonment', event: { userId: '+5531999998888', phone: '+5531999998888' } });
    if (understood.mapping.type !== 'abandonment') throw new Error('expected an abandonment');
    expect(understood.mapping.event.email).toBeUndefined();
  });

  it('greets a buyer without a name as cliente, or by the first name when only that is sent', () => {
    expect(read(cart({ name: undefined })).mapping).toMatchObject({ event: { name: 'cliente' } });
    expect(read(cart({ name: ' ', first_name: 'Julia' })).mapping).toMatchObject({ event: { name: 'Julia' } });
  });

  it('ignores a cart without a phone, saying so', () => {
    expect(read(cart({ phone: undefined })).mapping).toEqual({
      type: 'ignored',
      reason: 'data.buyer.phone is missing: the buyer cannot be reached on WhatsApp without it',
    });
    expect(read(cart({ phone: '' })).mapping).toMatchObject({ type: 'ignored', reason: expect.stringMatching(/is missing/) });
  });

  it('rejects a cart whose phone is damaged, saying why', () => {
    expect(read(cart({ phone: '+55 11 94008-e980' })).mapping).toEqual({ type: 'rejected', field: 'data.buyer.phone', reason: 'contains letters' });
    expect(read(cart({ phone: '(31) 9999' })).mapping).toMatchObject({
      type: 'rejected',
      field: 'data.buyer.phone',
      reason: expect.stringContaining('not a valid phone'),
    });
  });

  it('drops an email that is not an email address and keeps the cart', () => {
    const { mapping } = read(cart({ email: 'julia.santos' }));
    if (mapping.type !== 'abandonment') throw new Error(`expected an abandonment, got ${mapping.type}`);
    expect(mapping.event.email).toBeUndefined();
    expect(mapping.event.userId).toBe(mapping.event.phone);
  });

  it('rejects a cart that names no product', () => {
    const body = cart();
    const { product: _product, ...data } = body.data;
    expect(read({ ...body, data }).mapping).toEqual({ type: 'rejected', field: 'data.product.id', reason: 'is missing' });
  });
});

describe('hotmart payments', () => {
  it.each(['PURCHASE_APPROVED', 'PURCHASE_COMPLETE'])('maps %s to a payment of the transaction in reais', (event) => {
    const understood = read(purchase(event));
    expect(understood.name).toBe(event);
    expect(understood.deliveryKey).toBe('hotmart:a51689a6-8e24-4b9a-b8b6-9214cb0ec15e');
    expect(understood.mapping).toEqual({
      type: 'payment',
      event: {
        paymentId: `hotmart:${TRANSACTION}`,
        status: 'paid',
        amount: 1497,
        currency: 'BRL',
        productId: '1355458',
        buyer: { phone: '+5511987654321', email: 'maria.rodrigues@example.com' },
        checkoutKey: `hotmart:${TRANSACTION}`,
        source: 'hotmart',
        timestamp: '2026-06-08T14:53:12.000Z',
      },
    });
  });

  it('keeps cents of a fractional price', () => {
    expect(read(purchase('PURCHASE_APPROVED', { price: { value: 97.9, currency_value: 'BRL' } })).mapping).toMatchObject({
      type: 'payment',
      event: { amount: 97.9 },
    });
  });

  it('keeps a payment whose checkout_phone is damaged, matched by email alone', () => {
    const understood = read(purchase('PURCHASE_APPROVED', {}, { checkout_phone: '+55 11 99344-078a' }));
    expect(understood.mapping).toMatchObject({ type: 'payment', event: { paymentId: `hotmart:${TRANSACTION}`, amount: 1497 } });
    if (understood.mapping.type !== 'payment') throw new Error('expected a payment');
    expect(understood.mapping.event.buyer).toEqual({ phone: undefined, email: 'maria.rodrigues@example.com' });
  });

  it('dates a payment without approved_date by the event', () => {
    expect(read(purchase('PURCHASE_COMPLETE', { approved_date: null })).mapping).toMatchObject({
      type: 'payment',
      event: { timestamp: '2026-06-08T14:50:00.000Z' },
    });
  });

  it('rejects a payment without a price or a transaction', () => {
    expect(read(purchase('PURCHASE_APPROVED', { price: { currency_value: 'BRL' } })).mapping).toEqual({
      type: 'rejected',
      field: 'data.purchase.price.value',
      reason: 'is missing',
    });
    expect(read(purchase('PURCHASE_APPROVED', { transaction: null })).mapping).toEqual({
      type: 'rejected',
      field: 'data.purchase.transaction',
      reason: 'is missing',
    });
  });

  it('keeps a payment with neither a usable phone nor an email: its transaction may still match its Pix/boleto', () => {
    expect(read(purchase('PURCHASE_APPROVED', {}, { email: null, checkout_phone: '+55 11 9' })).mapping).toMatchObject({
      type: 'payment',
      event: { buyer: { phone: undefined, email: undefined }, checkoutKey: `hotmart:${TRANSACTION}` },
    });
  });
});

describe('hotmart hottok', () => {
  it('calls a header of blanks missing, not wrong', () => {
    const body = cart();
    expect(hotmart.verify(delivery(body, '   '), HOTTOK)).toEqual({ where: 'X-HOTMART-HOTTOK', reason: 'missing' });
  });
});

describe('hotmart Pix and boleto', () => {
  it('maps PURCHASE_BILLET_PRINTED paid by Pix to a delayed pix_generated reminder; the offer gives the link (pix_qrcode is an image)', () => {
    const understood = read(purchase('PURCHASE_BILLET_PRINTED', PIX_PAYMENT));
    expect(understood.mapping).toEqual({
      type: 'abandonment',
      event: { ...PENDING, paymentLink: null, kind: 'pix_generated', notBefore: REMIND_AT },
    });
  });

  it('maps PURCHASE_BILLET_PRINTED paid by boleto to a delayed boleto_printed reminder with the boleto link', () => {
    const understood = read(purchase('PURCHASE_BILLET_PRINTED', BILLET_PAYMENT));
    expect(understood.mapping).toEqual({
      type: 'abandonment',
      event: { ...PENDING, paymentLink: BILLET_URL, kind: 'boleto_printed', notBefore: REMIND_AT },
    });
  });

  it.each(['PURCHASE_BILLET_PRINTED', 'PURCHASE_EXPIRED'])('ignores %s of a card payment: nothing waits to be paid', (event) => {
    expect(read(purchase(event, { type: 'CREDIT_CARD' })).mapping).toEqual({ type: 'ignored', reason: 'payment type CREDIT_CARD is neither Pix nor boleto' });
  });

  it('counts the reminder delay from settings.now', () => {
    const later = { ...settings, now: new Date('2026-06-09T00:00:00.000Z'), pendingPaymentDelayMs: 600_000 };
    const body = purchase('PURCHASE_BILLET_PRINTED', PIX_PAYMENT);
    expect(understand(hotmart, body, delivery(body), later).mapping).toMatchObject({ event: { notBefore: '2026-06-09T00:10:00.000Z' } });
  });

  it('ignores a pending payment without a phone: nobody to remind', () => {
    expect(read(purchase('PURCHASE_BILLET_PRINTED', PIX_PAYMENT, { checkout_phone: null })).mapping).toMatchObject({
      type: 'ignored',
      reason: expect.stringMatching(/is missing/),
    });
  });

  it('maps PURCHASE_EXPIRED of a Pix to pix_expired, under its own id, at once and without the dead link', () => {
    const understood = read(purchase('PURCHASE_EXPIRED', { ...PIX_PAYMENT, status: 'EXPIRED' }));
    expect(understood.mapping).toEqual({
      type: 'abandonment',
      event: { ...PENDING, abandonmentId: `hotmart:${TRANSACTION}:expired`, paymentLink: null, kind: 'pix_expired' },
    });
    if (understood.mapping.type !== 'abandonment') throw new Error('expected an abandonment');
    expect(understood.mapping.event).not.toHaveProperty('notBefore');
  });

  it('maps PURCHASE_EXPIRED of a boleto to boleto_expired', () => {
    const understood = read(purchase('PURCHASE_EXPIRED', { ...BILLET_PAYMENT, status: 'EXPIRED' }));
    expect(understood.mapping).toEqual({
      type: 'abandonment',
      event: { ...PENDING, abandonmentId: `hotmart:${TRANSACTION}:expired`, paymentLink: null, kind: 'boleto_expired' },
    });
    if (understood.mapping.type !== 'abandonment') throw new Error('expected an abandonment');
    expect(understood.mapping.event).not.toHaveProperty('notBefore');
  });
});

describe('hotmart events Sara does not act on', () => {
  it('ignores other events', () => {
    expect(read(purchase('PURCHASE_REFUNDED', { status: 'REFUNDED' })).mapping).toEqual({
      type: 'ignored',
      reason: 'PURCHASE_REFUNDED is not an event Sara acts on',
    });
    expect(read({ ...cart(), event: 'CLUB_FIRST_ACCESS' }).mapping).toEqual({ type: 'ignored', reason: 'CLUB_FIRST_ACCESS is not an event Sara acts on' });
  });

  it('rejects a body that names no event', () => {
    const { event: _event, ...body } = cart();
    const understood = read(body);
    expect(understood.name).toBeUndefined();
    expect(understood.deliveryKey).toBe(`hotmart:${EVENT_ID}`);
    expect(understood.mapping).toEqual({ type: 'rejected', field: 'event', reason: 'names no hotmart event type' });
  });

  it('keys a delivery without an id by a hash of its bytes', () => {
    const { id: _id, ...body } = cart();
    expect(read(body).deliveryKey).toMatch(/^hotmart:sha256:[0-9a-f]{64}$/);
  });
});

describe('hotmart hottok (X-HOTMART-HOTTOK, compared as is)', () => {
  const body = cart();

  it('accepts the account’s hottok', () => {
    expect(hotmart.verify(delivery(body), HOTTOK)).toBeNull();
  });

  it('accepts the hottok with surrounding whitespace', () => {
    expect(hotmart.verify(delivery(body, `  ${HOTTOK}\t`), HOTTOK)).toBeNull();
  });

  it('refuses another hottok', () => {
    expect(hotmart.verify(delivery(body, 'another-hottok'), HOTTOK)).toEqual({ where: 'X-HOTMART-HOTTOK', reason: 'mismatch' });
    expect(hotmart.verify(delivery(body, `${HOTTOK}x`), HOTTOK)).toEqual({ where: 'X-HOTMART-HOTTOK', reason: 'mismatch' });
    expect(hotmart.verify(delivery(body, HOTTOK.toUpperCase()), HOTTOK)).toEqual({ where: 'X-HOTMART-HOTTOK', reason: 'mismatch' });
  });

  it('refuses a delivery without the header', () => {
    expect(hotmart.verify(delivery(body, null), HOTTOK)).toEqual({ where: 'X-HOTMART-HOTTOK', reason: 'missing' });
    expect(hotmart.verify(delivery(body, ''), HOTTOK)).toEqual({ where: 'X-HOTMART-HOTTOK', reason: 'missing' });
  });

  it('does not read the legacy hottok from the body or the query', () => {
    const request = { ...delivery({ ...body, hottok: HOTTOK }, null), query: { hottok: HOTTOK } };
    expect(hotmart.verify(request, HOTTOK)).toEqual({ where: 'X-HOTMART-HOTTOK', reason: 'missing' });
  });
});
