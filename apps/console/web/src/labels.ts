import type { ConversationSummary, InboxFilter, NeedsHumanReason } from '../../src/contract.js';

// The console's vocabulary (shared/docs/console.md): nothing internal reaches the screen without its meaning.

export const FILTER_LABELS: { value: InboxFilter | null; label: string }[] = [
  { value: null, label: 'Todas' },
  { value: 'needs_human', label: 'Aguardando atendimento humano' },
  { value: 'active', label: 'Ativas' },
  { value: 'awaiting_response', label: 'Aguardando resposta' },
  { value: 'closed', label: 'Encerradas' },
];

export const NEEDS_HUMAN_REASONS: Record<NeedsHumanReason, string> = {
  unknown_question: 'pergunta sem resposta',
  exchange_limit: 'limite de mensagens da Sara',
  asked_for_person: 'pediu para falar com alguém',
};

export const CONVERSATION_STATUS: Record<ConversationSummary['status'], string> = {
  awaiting_response: 'Aguardando resposta',
  active: 'Em conversa',
  closed: 'Encerrada',
  error: 'Com erro de envio',
};

const CLOSED_REASONS: Record<string, string> = {
  converted: 'Recuperada',
  purchased: 'Recuperada',
  checkout_completed: 'Recuperada',
  paid_before_contact: 'Pagou antes do contato',
  opted_out: 'Pediu para sair',
  manual_close: 'Encerrada pela equipe',
  buyer_asked: 'O comprador pediu para encerrar',
  payment_review: 'Pagamento em revisão',
  needs_human: 'Encaminhada para a equipe',
};

/** A known code in words; a reason an operator typed is shown as written. */
export function closedReasonLabel(reason: string | null): string {
  if (!reason) return 'Encerrada';
  return CLOSED_REASONS[reason] ?? (/^[a-z0-9_]+$/.test(reason) ? 'Encerrada' : reason);
}

export const ABANDONMENT_KINDS: Record<string, string> = {
  cart: 'Carrinho',
  pix_generated: 'Pix gerado',
  pix_expired: 'Pix expirado',
  boleto_printed: 'Boleto gerado',
  boleto_expired: 'Boleto vencido',
};

export const ABANDONMENT_STATUS: Record<string, string> = {
  initiated: 'Iniciada',
  active: 'Em andamento',
  converted: 'Recuperada',
  declined: 'Não recuperada',
};

export const PAYMENT_MATCH: Record<string, string> = {
  matched: 'Ligado a este carrinho',
  unmatched: 'Sem carrinho correspondente',
  review: 'Em revisão',
};

const DELIVERY_STATUS: Record<string, string> = {
  queued: 'na fila',
  sending: 'enviando',
  sent: 'enviada',
  delivered: 'entregue',
  read: 'lida',
  failed: 'falhou',
  blocked: 'bloqueada',
  unknown: 'situação desconhecida',
};

export const BLOCKED_REASONS: Record<string, string> = {
  opted_out: 'comprador pediu para sair',
  outside_24h_window: 'fora da janela de 24 h',
  conversation_closed: 'conversa encerrada',
  operator_in_charge: 'atendente no comando',
};

export function deliveryStatusLabel(message: { status: string; errorCode: number | null; blockedReason: string | null }): string {
  const label = DELIVERY_STATUS[message.status] ?? 'situação desconhecida';
  if (message.status === 'failed' && message.errorCode !== null) return `${label} (erro ${message.errorCode})`;
  if (message.status === 'blocked' && message.blockedReason) return `${label}: ${BLOCKED_REASONS[message.blockedReason] ?? 'motivo não informado'}`;
  return label;
}

/** The error codes of the console's API, said as a person would. */
const ERROR_MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: 'E-mail ou senha incorretos',
  RATE_LIMITED: 'Muitas tentativas; aguarde um minuto',
  UNAUTHORIZED: 'Sua sessão expirou. Entre de novo.',
  FORBIDDEN: 'Você não tem permissão para fazer isso.',
  VALIDATION_ERROR: 'Confira o que foi preenchido: a mensagem está vazia, longa demais ou falta um parâmetro.',
  CONVERSATION_NOT_FOUND: 'Conversa não encontrada.',
  CONVERSATION_CLOSED: 'Esta conversa já foi encerrada.',
  CONVERSATION_TAKEN: 'Outra pessoa da equipe já está atendendo esta conversa.',
  TAKEOVER_REQUIRED: 'Assuma a conversa antes de enviar mensagens.',
  SERVICE_WINDOW_CLOSED: 'A janela de 24 h fechou: a mensagem não foi enviada. Escolha um modelo aprovado.',
  USER_OPTED_OUT: 'O comprador pediu para não receber mais mensagens; nada foi enviado.',
  NETWORK: 'Sem conexão com o servidor. Confira a internet e tente de novo.',
  OFFER_NOT_FOUND: 'Esta oferta não existe mais.',
  BUYER_NOT_FOUND: 'A Sara não tem dados deste comprador (talvez já tenham sido apagados).',
  PAYMENT_NOT_FOUND: 'Pagamento não encontrado.',
  ABANDONMENT_NOT_FOUND: 'Este carrinho não existe mais.',
  PAYMENT_ALREADY_MATCHED: 'Este pagamento já foi vinculado a um carrinho.',
  ABANDONMENT_ALREADY_CONVERTED: 'Este carrinho já foi pago por outro pagamento. Escolha outro.',
  PAYMENT_AMOUNT_MISMATCH: 'O valor pago não é o do carrinho nem o valor com desconto: nada foi vinculado.',
  SERVICE_UNAVAILABLE: 'O servidor está indisponível agora. Tente de novo em instantes.',
};

export function errorMessage(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  return ERROR_MESSAGES[code] ?? 'Algo deu errado. Tente de novo em instantes.';
}
