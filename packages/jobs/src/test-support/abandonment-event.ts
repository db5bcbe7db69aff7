import type { AbandonmentEvent } from '../schemas.js';

/** The smallest valid abandonment webhook payload, for tests of what carries it (catalog, webhook workers). */
export const ABANDONMENT_EVENT: AbandonmentEvent = {
  userId: 'c1',
  name: 'Ana',
  phone: '+5511987654321',
  productId: 'p1',
  paymentLink: 'https://pay.example.com/x',
  abandonmentId: 'abn_1',
  value: 10,
};
