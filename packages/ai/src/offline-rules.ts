import { normalizeForMatching } from './normalize.js';
import type { Intent, Sentiment } from './types.js';

export type OfflineClassification = { intent: Intent; sentiment: Sentiment; wantsDiscount: boolean };

// Every pattern runs on normalizeForMatching output: lowercase, no accents, no punctuation,
// single spaces. So "não" is written "nao" and "preço" is "preco" below.

/** Only unmistakable requests to stop; not wanting the product is an objection. */
const OPT_OUT = [
  // A lone keyword answering a sales message is read as "stop", the respectful reading.
  /^(pare|parar|para|stop|sair|chega|cancelar|remover|descadastrar)$/,
  /\b(pare|para|parem|parar) de (me )?(mandar|enviar|mandando|enviando|incomodar|perturbar)\b/,
  /\bnao (quero|desejo|gostaria de) (mais )?receber\b/,
  /\bnao (me )?(mande|mandem|manda|envie|enviem|chame|chamem) mais\b/,
  /\b(tira|tire|tirem|remova|remove|removam|exclua|exclui|retire)\b.*\b(lista|numero|contato|cadastro)\b/,
  /\bdescadastr/,
  /\bchega de mensage/,
];

/** Checked before price: "o pix não vai" is a payment problem even if it mentions the value. */
const PAYMENT_ISSUE = [
  /\b(cartao|pagamento|compra)\b.*\b(recusad|negad|nao (passou|passa|foi|aprovad|autoriz))/,
  /\b(recusad|negad)\w*\b.*\b(cartao|pagamento|compra)\b/,
  /\bnao (consegui|consigo|deu pra|deu para|to conseguindo|estou conseguindo) (pagar|finalizar|concluir|fechar)\b/,
  /\b(erro|problema|falha|bug)\b.*\b(pagamento|pagar|cartao|pix|boleto|checkout|finalizar)\b/,
  /\b(pagamento|pagar|cartao|pix|boleto|checkout)\b.*\b(erro|problema|falha|travou|trava)\b/,
  /\bpix\b.*\b(nao|erro|expirou|falhou)\b|\bnao\b.*\bpix\b/,
  /\b(site|link|pagina|checkout|app)\b.*\b(travou|trava|caiu|nao (abre|abriu|carrega|carregou|funciona))\b/,
  /\bnao (recebi|chegou|veio|achei|acho|encontrei|encontro)\b.*\blink\b/,
  // A boleto mentioned with trouble; "posso pagar no boleto?" is a question, not a problem.
  /\bboleto\b.*\b(nao|erro|venc\w*|problema|expir\w*|falh\w*|segunda via)\b/,
];

/** Price talk that asks for less money; these are what set wantsDiscount. */
const WANTS_DISCOUNT = [
  /\b(caro|carissimo|carissima|desconto|descontinho|cupom|abatimento|promocao)\b/,
  /\bmais (barato|em conta)\b/,
  /\b(ta|esta|muito|meio|bem|mt|mto|tao|achei|e) cara\b/,
  /\bfaz por menos\b|\bmelhorar o preco\b|\bbaixar o preco\b/,
];

const PRICE_QUESTION = [
  ...WANTS_DISCOUNT,
  /\b(preco|precos|valor|valores|parcel\w*|barato)\b/,
  /\bquanto (custa|e|fica|sai|ta|esta|que e)\b/,
  /\bem quantas vezes\b|\bquantas vezes\b/,
];

const OBJECTION = [
  /^nao( obrigad\w*| valeu)?$/,
  /\bcancel\w*\b/,
  /\b(vou|vo) (ver|analisar|avaliar|ver direito)\b/,
  /\bnao (tenho )?certeza\b/,
  /\b(vou|vo|preciso|deixa eu|deixe eu|vamos) pensar\b/,
  /\bnao sei se\b/,
  // "depois de pagar…" is about time, not a postponement.
  /\bdepois\b(?! de| que| do| da)/,
  /\b(mais tarde|outra hora|outro dia|semana que vem|mes que vem|fim do mes)\b/,
  /\bagora nao\b/,
  /\b(sem|nao tenho) (dinheiro|grana|condicoes|condicao)\b/,
  /\b(ta|esta|to|estou) (apertado|apertada|sem grana|sem dinheiro|liso|lisa|dura|duro)\b/,
  /\bnao (quero|vou|preciso|posso|da|rola)\b/,
  /\b(desisti|talvez|sei la)\b/,
];

/** Decisive phrases: they win over a trailing question ("quero sim, como pago?"). */
const STRONG_CONFIRMATION = [
  /\b(vou|quero|vamos) (comprar|fechar|levar|finalizar|querer)\b/,
  /\bpode (mandar|enviar|me mandar)\b/,
  /\b(quero sim|manda o link|me manda o link|fechado|bora|partiu|vamos nessa)\b/,
];

/** Short yeses, which count only when the message asks nothing. */
const CONFIRMATION = [
  /^(s|ss|sim|sm|ok|okay|blz|beleza|claro|certo|isso|pode ser|perfeito|show|top|combinado|fechou|demorou|uhum|aham|yes|manda|mande|ta bom|ta bem|ta certo)( \w+)?$/,
  /\bquero\b(?! saber| entender| tirar| perguntar| ver)/,
  /\b(com certeza|claro que sim|pode ser|quero sim)\b/,
];

const QUESTION_START =
  /^(como|qual|quais|quando|onde|por que|porque|pq|o que|oq|quem|sera que|tem como|da pra|da para|e se|posso|voces|vcs|tem|ainda tem|funciona|serve|vem)\b/;
const QUESTION_WORDS = /\b(duvida|pergunta|quero saber|queria saber|gostaria de saber)\b/;

const NEGATIVE = [
  /\b(absurdo|ridiculo|pessimo|horrivel|raiva|irritad\w*|chato|chata|droga|merda|porra|lixo|golpe|palhacada|decepcion\w*|enganad\w*|spam|saco|inferno)\b/,
  /\bnao gostei\b|\bque saco\b|\bmuito ruim\b/,
];
const POSITIVE = [/\b(otimo|otima|legal|adorei|amei|gostei|top|show|perfeito|perfeita|massa|maravilh\w*|incrivel|lindo|linda|excelente)\b/];
/** Thanks that close a "no" ("não, obrigado") are courtesy, not enthusiasm. */
const POLITE = /\b(obrigad\w*|valeu)\b/;
const NEGATIVE_EMOJI = /[\u{1F620}\u{1F621}\u{1F92C}\u{1F612}\u{1F624}\u{1F44E}]/u;
const POSITIVE_EMOJI = /[\u{1F60A}\u{1F642}\u{1F60D}\u{1F970}\u{2764}\u{1F44D}\u{1F64F}\u{1F600}\u{1F601}\u{1F604}]/u;

const matchesAny = (patterns: RegExp[], text: string): boolean => patterns.some((pattern) => pattern.test(text));

/**
 * Deterministic intent, sentiment and discount wish of a buyer message. The order of the checks
 * is the policy: stop requests first, then money trouble, price, hesitation, yes, questions.
 */
export function classifyMessage(rawMessage: string): OfflineClassification {
  const text = normalizeForMatching(rawMessage);
  const asks = rawMessage.includes('?') || QUESTION_START.test(text) || QUESTION_WORDS.test(text);
  const intent = classifyIntent(text, asks);
  return {
    intent,
    sentiment: classifySentiment(rawMessage, text, intent, asks),
    wantsDiscount: intent === 'price_question' && matchesAny(WANTS_DISCOUNT, text),
  };
}

function classifyIntent(text: string, asks: boolean): Intent {
  if (text === '') return 'unclear';
  if (matchesAny(OPT_OUT, text)) return 'opt_out';
  if (matchesAny(PAYMENT_ISSUE, text)) return 'payment_issue';
  if (matchesAny(PRICE_QUESTION, text)) return 'price_question';
  if (matchesAny(OBJECTION, text)) return 'objection';
  if (matchesAny(STRONG_CONFIRMATION, text)) return 'confirmation';
  if (asks) return 'question';
  if (matchesAny(CONFIRMATION, text)) return 'confirmation';
  return 'unclear';
}

function classifySentiment(rawMessage: string, text: string, intent: Intent, asks: boolean): Sentiment {
  if (matchesAny(NEGATIVE, text) || NEGATIVE_EMOJI.test(rawMessage)) return 'negative';
  if (matchesAny(POSITIVE, text) || POSITIVE_EMOJI.test(rawMessage)) return 'positive';
  if (POLITE.test(text) && intent !== 'objection' && intent !== 'opt_out') return 'positive';
  // Without a cue, a payment failure is still a frustration and a yes is still good news.
  if (intent === 'payment_issue' && !asks) return 'negative';
  if (intent === 'confirmation') return 'positive';
  return 'neutral';
}
