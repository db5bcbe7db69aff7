import type { SessionResponse } from '../../../src/contract.js';
import type {
  AuditEventRow,
  BuyerSummary,
  CandidateAbandonment,
  DailyPoint,
  OfferView,
  PaymentReviewRow,
  ReportView,
  SequenceView,
  SettingsView,
} from '../../../src/merchant-contract.js';
import type { FakeApi } from './fake-api.js';

/** The shop's owner: the merchant pages are hers. */
export const bia: SessionResponse = { user: { id: 'op-bia', email: 'bia@loja.com.br', name: 'Bia Lima', role: 'admin' }, csrfToken: 'csrf-bia' };

export function signInAsAdmin(api: FakeApi): FakeApi {
  return api.on('GET', '/api/session', { status: 200, body: bia });
}

export function report(overrides: Partial<ReportView> = {}): ReportView {
  return {
    from: '2026-11-05T03:00:00.000Z',
    to: '2026-12-05T03:00:00.000Z',
    abandonments: 200,
    contacted: 150,
    replied: 60,
    optedOut: 4,
    recovered: 40,
    recoveredRevenue: 11880,
    byKind: {
      pix_expired: { abandonments: 120, contacted: 90, replied: 40, recovered: 30, recoveredRevenue: 8910 },
      cart: { abandonments: 80, contacted: 60, replied: 20, recovered: 10, recoveredRevenue: 2970 },
    },
    bySource: { hotmart: { abandonments: 200, contacted: 150, replied: 60, recovered: 40, recoveredRevenue: 11880 } },
    byStep: [
      { step: 1, sent: 150, recoveredAfter: 25 },
      { step: 2, sent: 90, recoveredAfter: 10 },
    ],
    holdout: {
      control: { abandonments: 40, recovered: 4, rate: 0.1 },
      treatment: { abandonments: 160, recovered: 36, rate: 0.225 },
      lift: 0.125,
      liftCi95: [0.0123, 0.2204],
      incrementalRevenue: 5940,
    },
    ...overrides,
  };
}

export function day(date: string, overrides: Partial<DailyPoint> = {}): DailyPoint {
  return { date, abandonments: 10, contacted: 8, recovered: 2, recoveredRevenue: 594, recoveryRate: 0.2, ...overrides };
}

export function offer(overrides: Partial<OfferView> = {}): OfferView {
  return {
    productId: 'curso-bolo',
    productName: 'Curso de Confeitaria',
    paymentLink: 'https://pay.hotmart.com/curso-bolo',
    discountLink: 'https://pay.hotmart.com/curso-bolo?off=10',
    discountPercent: 10,
    faq: [{ question: 'Tem garantia?', answer: 'Sim, 7 dias de garantia.' }],
    active: true,
    createdAt: '2026-11-01T12:00:00.000Z',
    updatedAt: '2026-11-02T12:00:00.000Z',
    ...overrides,
  };
}

export function sequence(overrides: Partial<SequenceView> = {}): SequenceView {
  return {
    kind: 'cart',
    steps: [
      { delaySeconds: 900, template: 'lembrete_carrinho' },
      { delaySeconds: 86_400, template: 'oferta_desconto' },
    ],
    custom: false,
    ...overrides,
  };
}

export const settings: SettingsView = {
  quietHours: { start: '21:00', end: '08:00' },
  timezone: 'America/Sao_Paulo',
  maxTemplatesPerBuyerPer24h: 3,
  holdoutPercent: 10,
};

export function payment(overrides: Partial<PaymentReviewRow> = {}): PaymentReviewRow {
  return {
    id: 'pay-1',
    source: 'hotmart',
    paymentId: 'HP-1001',
    amount: '297.00',
    currency: 'BRL',
    paidAt: '2026-12-02T17:05:00.000Z',
    productId: 'curso-bolo',
    matchStatus: 'unmatched',
    matchedBy: null,
    reviewReason: 'no open abandonment of product curso-bolo by this phone or email in the 72 h before the payment',
    abandonmentId: null,
    buyer: { phone: '+5511••••••321', email: 'ma•••@gmail.com' },
    ...overrides,
  };
}

export function candidate(overrides: Partial<CandidateAbandonment> = {}): CandidateAbandonment {
  return {
    id: '6f1c2a4e-1111-4a2b-8c3d-000000000001',
    externalId: 'HP-CART-1',
    productId: 'curso-bolo',
    productName: 'Curso de Confeitaria',
    buyerName: 'Maria Silva',
    value: 297,
    kind: 'pix_expired',
    status: 'active',
    createdAt: '2026-11-30T14:00:00.000Z',
    matchedBy: 'phone',
    ...overrides,
  };
}

export function buyer(overrides: Partial<BuyerSummary> = {}): BuyerSummary {
  return {
    phone: '+5511987654321',
    name: 'Maria Silva',
    email: 'maria@gmail.com',
    optedOut: false,
    optedOutAt: null,
    optedOutReason: null,
    abandonments: 2,
    lastActivityAt: '2026-12-02T17:05:00.000Z',
    ...overrides,
  };
}

export function auditEvent(overrides: Partial<AuditEventRow> = {}): AuditEventRow {
  return {
    id: 'ev-1',
    actor: 'operator:op-bia',
    actorName: 'Bia Lima',
    action: 'console.offers.put',
    target: 'curso-bolo',
    outcome: 200,
    requestId: 'req-1',
    createdAt: '2026-12-02T17:05:00.000Z',
    ...overrides,
  };
}

/** An element's text as a person reads it: Intl's money and percent use no-break spaces. */
export function text(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
