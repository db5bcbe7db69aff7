import type { ConversationDetail, ConversationSummary, SessionResponse, TimelineEntry } from '../../../src/contract.js';

export const ana: SessionResponse = { user: { id: 'op-ana', email: 'ana@loja.com.br', name: 'Ana Souza', role: 'agent' }, csrfToken: 'csrf-ana' };

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
export const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

export function summary(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: 'c-1',
    buyerName: 'Maria Silva',
    phone: '•••• •••• 3463',
    status: 'active',
    needsHuman: null,
    handledBy: null,
    productName: 'Curso de Confeitaria',
    lastMessage: { from: 'user', text: 'Ainda dá tempo de pagar?', at: minutesAgo(5) },
    serviceWindowEndsAt: minutesFromNow(600),
    ...overrides,
  };
}

export function entry(overrides: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    id: 'm-1',
    from: 'user',
    operator: null,
    type: 'text',
    text: 'Oi, ainda dá tempo de pagar?',
    template: null,
    status: 'received',
    errorCode: null,
    blockedReason: null,
    at: minutesAgo(30),
    ...overrides,
  };
}

export function detail(overrides: Partial<ConversationDetail> = {}): ConversationDetail {
  return {
    ...summary(),
    closedReason: null,
    optedOut: false,
    serviceWindow: { open: true, endsAt: minutesFromNow(600) },
    abandonment: {
      externalId: 'ab-1',
      productId: 'p-1',
      productName: 'Curso de Confeitaria',
      value: 1234.56,
      kind: 'pix_expired',
      status: 'active',
      linksOffered: ['https://pay.loja.com.br/p-1'],
      createdAt: minutesAgo(120),
    },
    payments: [],
    messages: [entry(), entry({ id: 'm-2', from: 'sara', text: 'Dá sim! Aqui está o link.', status: 'read', at: minutesAgo(29) })],
    templates: [
      { name: 'lembrete_pix', parameters: ['Maria', 'Curso de Confeitaria'] },
      { name: 'oferta_desconto', parameters: ['Maria', '10%'] },
    ],
    ...overrides,
  };
}

export const handledByAna = { handledBy: { id: ana.user.id, name: ana.user.name } };
