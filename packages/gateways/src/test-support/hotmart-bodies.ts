import type { GatewayRequest } from '../types.js';

// Hotmart webhooks 2.0.0 as Hotmart posts them, written from its documented format for the platform tests.

export const HOTTOK = 'hotmart-hottok-8f2c1e';

/** A delivery as Hotmart posts it: the account's hottok as is in X-HOTMART-HOTTOK (lower-cased by Node); `null` sends no header. */
export function delivery(body: unknown, token: string | null = HOTTOK): GatewayRequest {
  const headers: GatewayRequest['headers'] = { 'content-type': 'application/json', 'user-agent': 'Hotmart-Webhook' };
  if (token !== null) headers['x-hotmart-hottok'] = token;
  return { rawBody: Buffer.from(JSON.stringify(body)), headers, query: {} };
}

export const EVENT_ID = '97e982a0-544b-49de-82c3-5524806a17f0';

export const TRANSACTION = 'HP0967750879';

// 2026-06-08T14:50:00Z and 14:53:12Z in epoch milliseconds, as Hotmart sends its dates.
export const CREATED_MS = 1780930200000;

export const APPROVED_MS = 1780930392000;

/** PURCHASE_OUT_OF_SHOPPING_CART 2.0.0: buyer{name,email,phone}, product{id,name}, no price, no link. */
export function cart(buyer: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) {
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
export function purchase(event: string, purchaseFields: Record<string, unknown> = {}, buyer: Record<string, unknown> = {}) {
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

export const PIX_QRCODE = 'https://live-us.adyen.com/hpp/generateQRCodeImage.shtml?url=00020101021226900014br.gov.bcb.pix';

export const PIX_PAYMENT = {
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

export const BILLET_URL = 'https://billet-link.com/bHP02316330308193';

export const BILLET_PAYMENT = {
  status: 'PRINTED_BILLET',
  approved_date: null,
  payment: { type: 'BILLET', installments_number: 1, billet_barcode: '03399.33335 33823.303087 19802.801027 2 87630000015000', billet_url: BILLET_URL },
};
