import type { AbandonmentKind, CandidateMatch, PaymentStatus } from '../../../src/merchant-contract.js';
import { ABANDONMENT_KINDS } from '../labels.js';

// The merchant pages' vocabulary (shared/docs/console.md): every internal code said in the shop's words.

export function kindLabel(kind: string): string {
  return ABANDONMENT_KINDS[kind] ?? 'Outro tipo';
}

export const KIND_ORDER: readonly AbandonmentKind[] = ['cart', 'pix_generated', 'pix_expired', 'boleto_printed', 'boleto_expired'];

const PLATFORMS: Record<string, string> = {
  sara: 'Sara (link próprio)',
  hotmart: 'Hotmart',
  kiwify: 'Kiwify',
  eduzz: 'Eduzz',
  stripe: 'Stripe',
  shopify: 'Shopify',
};

export function platformLabel(source: string): string {
  return PLATFORMS[source] ?? source.charAt(0).toUpperCase() + source.slice(1);
}

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  unmatched: 'Sem carrinho correspondente',
  review: 'Em revisão',
  matched: 'Vinculado',
  ignored: 'Ignorado',
};

export const CANDIDATE_MATCH_LABELS: Record<CandidateMatch, string> = {
  phone: 'mesmo telefone',
  email: 'mesmo e-mail',
  product: 'mesmo produto',
};

const KEYS: Record<string, string> = { phone: 'este telefone', email: 'este e-mail', 'phone or email': 'este telefone ou e-mail', buyer: 'este comprador' };

/**
 * The server explains an unmatched or review payment in English, for its logs; these are the
 * reasons it writes (packages/domain recovery/payment-matching.ts, settlement.ts,
 * payment.service.ts), said for the shop. Anything else is a person's own reason, shown as typed.
 */
export function paymentReasonLabel(reason: string | null, status: PaymentStatus): string {
  if (!reason) return status === 'ignored' ? 'Ignorado sem motivo informado' : 'Motivo não informado';
  let m = /^no open abandonment(?: of product (.+?))? by this (phone or email|phone|email|buyer) in the (\d+) h before the payment$/.exec(reason);
  if (m) return `Nenhum carrinho aberto${m[1] ? ` do produto ${m[1]}` : ''} com ${KEYS[m[2]!]} nas ${m[3]} h antes do pagamento`;
  m = /^amount ([\d.]+) matches neither the original value ([\d.]+|undefined) nor its discounted value$/.exec(reason);
  if (m) return `O valor pago (${brl(m[1]!)}) não é o valor do carrinho${m[2] === 'undefined' ? '' : ` (${brl(m[2]!)})`} nem o valor com desconto`;
  m = /^abandonment (.+) was already converted by another payment$/.exec(reason);
  if (m) return 'O carrinho já foi pago por outro pagamento';
  m = /^abandonment (.+) is not recorded yet$/.exec(reason);
  if (m) return 'O pagamento cita um carrinho que a Sara ainda não recebeu';
  return reason;
}

function brl(decimal: string): string {
  return new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' }).format(Number(decimal));
}

/** How a buyer left: a word they wrote, Sara's reading of the message, or WhatsApp's own "stop". */
export function optOutReasonLabel(reason: string | null): string {
  if (!reason) return 'motivo não registrado';
  if (reason.startsWith('keyword:')) return `escreveu "${reason.slice('keyword:'.length)}"`;
  if (reason === 'ai') return 'a Sara entendeu que a pessoa pediu para sair';
  if (reason === 'whatsapp_marketing_stop') return 'parou as mensagens de marketing no WhatsApp';
  return 'motivo não registrado';
}

/** The audit's action names, console and admin API alike. */
const ACTIONS: Record<string, string> = {
  login: 'Entrou no console',
  logout: 'Saiu do console',
  takeover: 'Assumiu uma conversa',
  release: 'Devolveu uma conversa para a Sara',
  close: 'Encerrou uma conversa',
  message: 'Enviou uma mensagem',
  'offers.put': 'Salvou uma oferta',
  'offers.delete': 'Desativou uma oferta',
  'offers.list': 'Consultou as ofertas',
  'offers.get': 'Consultou uma oferta',
  'sequences.put': 'Alterou uma sequência',
  'sequences.delete': 'Voltou uma sequência ao padrão',
  'sequences.list': 'Consultou as sequências',
  'settings.put': 'Alterou horários e limites',
  'settings.get': 'Consultou horários e limites',
  'payments.link': 'Vinculou um pagamento',
  'payments.ignore': 'Ignorou um pagamento',
  'payments.list': 'Consultou os pagamentos',
  'buyers.export': 'Exportou os dados de um comprador',
  'buyers.erase': 'Apagou os dados de um comprador',
  'report.get': 'Consultou o relatório',
  'audit.list': 'Consultou a auditoria',
  'conversations.get': 'Consultou uma conversa',
  'conversations.close': 'Encerrou uma conversa',
  'sandbox.list': 'Consultou as mensagens de teste',
  'queues.failed.list': 'Consultou as tarefas com falha',
  'queues.failed.retry': 'Repetiu uma tarefa com falha',
  'queues.failed.retry_all': 'Repetiu todas as tarefas com falha',
  unknown: 'Acesso sem credencial válida',
};

export function auditActionLabel(action: string): string {
  const viaConsole = action.startsWith('console.');
  const name = viaConsole ? action.slice('console.'.length) : action;
  const label = ACTIONS[name];
  if (!label) return action;
  return viaConsole || name === 'unknown' ? label : `${label} (pela API de administração)`;
}

/** What the Auditoria page filters by: an area (a prefix ending in a dot) or one action. */
export const AUDIT_ACTION_FILTERS: { value: string; label: string }[] = [
  { value: '', label: 'Todas as ações' },
  { value: 'console.', label: 'Tudo feito no console' },
  { value: 'console.login', label: 'Entradas no console' },
  { value: 'console.takeover', label: 'Conversas assumidas' },
  { value: 'console.close', label: 'Conversas encerradas' },
  { value: 'console.message', label: 'Mensagens enviadas pela equipe' },
  { value: 'console.offers.', label: 'Ofertas' },
  { value: 'console.sequences.', label: 'Sequências' },
  { value: 'console.settings.put', label: 'Horários e limites' },
  { value: 'console.payments.', label: 'Pagamentos' },
  { value: 'console.buyers.', label: 'Dados de compradores' },
];

export function auditActorLabel(actor: string, actorName: string | null): string {
  if (actorName) return actorName;
  if (actor === 'admin-api-key') return 'Chave da API de administração';
  if (actor === 'unknown') return 'Sem identificação';
  if (actor.startsWith('operator:')) return 'Conta removida';
  return actor;
}

export function auditOutcomeLabel(outcome: number): string {
  if (outcome >= 200 && outcome < 400) return 'Feito';
  if (outcome === 401 || outcome === 403) return `Recusado: sem permissão (${outcome})`;
  if (outcome >= 400 && outcome < 500) return `Recusado (${outcome})`;
  return `Falhou no servidor (${outcome})`;
}
