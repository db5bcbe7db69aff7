import { describe, expect, it } from 'vitest';
import { understand } from '../gateway.js';
import { abandonmentOf, itChecksTheProof, noPhoneAt, notActedOn, paymentOf, readerOf, contextAt } from '../test-support/gateway-cases.js';
import { hotmart } from './hotmart.js';
import { BILLET_PAYMENT, BILLET_URL, cart, delivery, EVENT_ID, HOTTOK, PIX_PAYMENT, purchase, TRANSACTION } from '../test-support/hotmart-bodies.js';

const context = contextAt('2026-06-08T15:00:00.000Z');

const REMIND_AT = '2026-06-08T15:30:00.000Z';

const read = readerOf(hotmart, delivery, context);

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
    expect(understood).toEqual({
      name: 'PURCHASE_OUT_OF_SHOPPING_CART',
      deliveryKey: `hotmart:${EVENT_ID}`,
      mapping: {
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
      },
    });
    expect(abandonmentOf(understood.mapping)).not.toHaveProperty('notBefore');
  });

  it('reads an international buyer’s phone with its country code', () => {
    expect(read(cart({ phone: '+351 912 345 678' })).mapping).toMatchObject({ type: 'abandonment', event: { phone: '+351912345678' } });
  });

  it('identifies a buyer without an email by the phone', () => {
    const { mapping } = read(cart({ email: null }));
    expect(mapping).toMatchObject({ type: 'abandonment', event: { userId: '+5531999998888', phone: '+5531999998888' } });
    expect(abandonmentOf(mapping).email).toBeUndefined();
  });

  it('greets a buyer without a name as cliente, or by the first name when only that is sent', () => {
    expect(read(cart({ name: undefined })).mapping).toMatchObject({ event: { name: 'cliente' } });
    expect(read(cart({ name: ' ', first_name: 'Julia' })).mapping).toMatchObject({ event: { name: 'Julia' } });
  });

  it('ignores a cart without a phone, saying so', () => {
    expect(read(cart({ phone: undefined })).mapping).toEqual(noPhoneAt('data.buyer.phone'));
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
    const event = abandonmentOf(read(cart({ email: 'julia.santos' })).mapping);
    expect(event.email).toBeUndefined();
    expect(event.userId).toBe(event.phone);
  });

  it('rejects a cart that names no product', () => {
    const body = cart();
    const { product: _product, ...data } = body.data;
    expect(read({ ...body, data }).mapping).toEqual({ type: 'rejected', field: 'data.product.id', reason: 'is missing' });
  });
});

describe('hotmart payments', () => {
  it.each(['PURCHASE_APPROVED', 'PURCHASE_COMPLETE'])('maps %s to a payment of the transaction in reais', (event) => {
    expect(read(purchase(event))).toEqual({
      name: event,
      deliveryKey: 'hotmart:a51689a6-8e24-4b9a-b8b6-9214cb0ec15e',
      mapping: {
        type: 'payment',
        event: {
          paymentId: `hotmart:${TRANSACTION}`,
          status: 'paid',
          amount: 1497,
          currency: 'BRL',
          productId: '1355458',
          buyer: { phone: PENDING.phone, email: PENDING.email },
          checkoutKey: `hotmart:${TRANSACTION}`,
          source: 'hotmart',
          timestamp: '2026-06-08T14:53:12.000Z',
        },
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
    const { mapping } = read(purchase('PURCHASE_APPROVED', {}, { checkout_phone: '+55 11 99344-078a' }));
    expect(mapping).toMatchObject({ type: 'payment', event: { paymentId: `hotmart:${TRANSACTION}`, amount: 1497 } });
    expect(paymentOf(mapping).buyer).toEqual({ phone: undefined, email: PENDING.email });
  });

  it('dates a payment without approved_date by the event', () => {
    expect(read(purchase('PURCHASE_COMPLETE', { approved_date: null })).mapping).toMatchObject({
      type: 'payment',
      event: { timestamp: '2026-06-08T14:50:00.000Z' },
    });
  });

  it.each([
    [{ price: { currency_value: 'BRL' } }, 'data.purchase.price.value'],
    [{ transaction: null }, 'data.purchase.transaction'],
  ])('rejects a payment without a price or a transaction (%j)', (purchaseFields, field) => {
    expect(read(purchase('PURCHASE_APPROVED', purchaseFields)).mapping).toEqual({ type: 'rejected', field, reason: 'is missing' });
  });

  it('keeps a payment with neither a usable phone nor an email: its transaction may still match its Pix/boleto', () => {
    expect(read(purchase('PURCHASE_APPROVED', {}, { email: null, checkout_phone: '+55 11 9' })).mapping).toMatchObject({
      type: 'payment',
      event: { buyer: { phone: undefined, email: undefined }, checkoutKey: `hotmart:${TRANSACTION}` },
    });
  });
});

describe('hotmart Pix and boleto', () => {
  it.each([
    ['Pix', PIX_PAYMENT, { paymentLink: null, kind: 'pix_generated' }],
    ['boleto', BILLET_PAYMENT, { paymentLink: BILLET_URL, kind: 'boleto_printed' }],
  ])('maps PURCHASE_BILLET_PRINTED paid by %s to a delayed reminder; only a boleto has a link (pix_qrcode is an image)', (_method, payment, reminder) => {
    expect(read(purchase('PURCHASE_BILLET_PRINTED', payment)).mapping).toEqual({
      type: 'abandonment',
      event: { ...PENDING, ...reminder, notBefore: REMIND_AT },
    });
  });

  it.each(['PURCHASE_BILLET_PRINTED', 'PURCHASE_EXPIRED'])('ignores %s of a card payment: nothing waits to be paid', (event) => {
    expect(read(purchase(event, { type: 'CREDIT_CARD' })).mapping).toEqual({ type: 'ignored', reason: 'payment type CREDIT_CARD is neither Pix nor boleto' });
  });

  it('counts the reminder delay, as configured, from now', () => {
    const later = contextAt('2026-06-09T00:00:00.000Z', { PENDING_PAYMENT_REMINDER_DELAY_MINUTES: 10 });
    const body = purchase('PURCHASE_BILLET_PRINTED', PIX_PAYMENT);
    expect(understand(hotmart, body, delivery(body), later).mapping).toMatchObject({ event: { notBefore: '2026-06-09T00:10:00.000Z' } });
  });

  it('ignores a pending payment without a phone: nobody to remind', () => {
    expect(read(purchase('PURCHASE_BILLET_PRINTED', PIX_PAYMENT, { checkout_phone: null })).mapping).toMatchObject({
      type: 'ignored',
      reason: expect.stringMatching(/is missing/),
    });
  });

  it.each([
    ['Pix', PIX_PAYMENT, 'pix_expired'],
    ['boleto', BILLET_PAYMENT, 'boleto_expired'],
  ])('maps PURCHASE_EXPIRED of a %s to %s, under its own id, at once and without the dead link', (_method, payment, kind) => {
    const { mapping } = read(purchase('PURCHASE_EXPIRED', { ...payment, status: 'EXPIRED' }));
    expect(mapping).toEqual({ type: 'abandonment', event: { ...PENDING, abandonmentId: `hotmart:${TRANSACTION}:expired`, paymentLink: null, kind } });
    expect(abandonmentOf(mapping)).not.toHaveProperty('notBefore');
  });
});

describe('hotmart events Sara does not act on', () => {
  it('ignores other events', () => {
    expect(read(purchase('PURCHASE_REFUNDED', { status: 'REFUNDED' })).mapping).toEqual(notActedOn('PURCHASE_REFUNDED'));
    expect(read({ ...cart(), event: 'CLUB_FIRST_ACCESS' }).mapping).toEqual(notActedOn('CLUB_FIRST_ACCESS'));
  });

  it('rejects a body that names no event', () => {
    const { event: _event, ...body } = cart();
    expect(read(body)).toEqual({
      name: undefined,
      deliveryKey: `hotmart:${EVENT_ID}`,
      mapping: { type: 'rejected', field: 'event', reason: 'names no hotmart event type' },
    });
  });

  it('keys a delivery without an id by a hash of its bytes', () => {
    const { id: _id, ...body } = cart();
    expect(read(body).deliveryKey).toMatch(/^hotmart:sha256:[0-9a-f]{64}$/);
  });
});

describe('hotmart hottok (X-HOTMART-HOTTOK, compared as is)', () => {
  const body = cart();
  const refused = (reason: string) => ({ where: 'X-HOTMART-HOTTOK', reason });

  itChecksTheProof({
    adapter: hotmart,
    secret: HOTTOK,
    where: 'X-HOTMART-HOTTOK',
    deliver: (token) => delivery(body, token),
    withProof: (_request, token) => delivery(body, token),
    // A header of blanks is missing, not wrong.
    blank: ['', '   '],
  });

  it('accepts the hottok with surrounding whitespace', () => {
    expect(hotmart.verify(delivery(body, `  ${HOTTOK}\t`), HOTTOK)).toBeNull();
  });

  it('refuses a hottok that differs by a character or by case', () => {
    expect(hotmart.verify(delivery(body, 'another-hottok'), HOTTOK)).toEqual(refused('mismatch'));
    expect(hotmart.verify(delivery(body, `${HOTTOK}x`), HOTTOK)).toEqual(refused('mismatch'));
    expect(hotmart.verify(delivery(body, HOTTOK.toUpperCase()), HOTTOK)).toEqual(refused('mismatch'));
  });

  it('does not read the legacy hottok from the body or the query', () => {
    const request = { ...delivery({ ...body, hottok: HOTTOK }, null), query: { hottok: HOTTOK } };
    expect(hotmart.verify(request, HOTTOK)).toEqual(refused('missing'));
  });
});
