import type { Intent } from './types.js';

// How the offline brain speaks from the merchant's FAQ. The entry's answer is quoted as the
// merchant wrote it (their facts, their words); only the sentence around it is Sara's.

/** Intents whose message may be a doubt the FAQ settles ("tem garantia?", "e se eu não gostar?"). */
const ANSWERABLE: ReadonlySet<Intent> = new Set(['question', 'unclear', 'objection', 'price_question']);

/**
 * Questions about the act of paying ("como pago?", "aceita pix?", "cadê o link?"): the payment
 * page itself answers them, so they are neither an FAQ miss nor a reason to call the team.
 */
const ABOUT_PAYING = [
  /\b(link|checkout|forma de pagamento|formas de pagamento|meio de pagamento|meios de pagamento)\b/,
  /\b(como|onde|posso|consigo|da pra|da para|tem como|aceita|aceitam)\b.*\b(pag\w*|compr\w*|finaliz\w*|fech\w*|assin\w*)\b/,
  /\b(pix|boleto|cartao|credito|debito)\b/,
];

type Variant = (hi: string, rest: string) => string;

const OPENINGS: Variant[] = [
  (hi, answer) => `Boa pergunta${hi}! ${answer}`,
  (hi, answer) => `Claro${hi}! ${answer}`,
  (hi, answer) => `Te explico${hi}: ${answer}`,
];

const CLOSINGS = [
  'Se quiser garantir o seu, o link está aqui embaixo.',
  'Quando quiser finalizar, é só usar o link aqui embaixo.',
  'Ficou mais alguma dúvida? O link para finalizar está aqui embaixo.',
];

const ASK_THE_TEAM: Variant[] = [
  (hi, product) =>
    `Boa pergunta${hi}! Não quero te passar uma informação errada sobre ${product}, então vou confirmar com a nossa equipe e te retorno por aqui.`,
  (hi, product) => `Essa eu prefiro confirmar com a nossa equipe${hi}, para não te dizer nada errado sobre ${product}. Já já alguém te responde por aqui.`,
];

export function mayAnswerFromFaq(intent: Intent, wantsDiscount: boolean): boolean {
  return ANSWERABLE.has(intent) && !wantsDiscount;
}

export function isAboutPaying(normalizedText: string): boolean {
  return ABOUT_PAYING.some((pattern) => pattern.test(normalizedText));
}

/** The entry's answer in a sentence of Sara's, ending with a pointer to the link below. */
export function answerFromFaq(answer: string, hi: string, seed: number): string {
  const trimmed = answer.trim();
  const sentence = /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
  const opening = OPENINGS[seed % OPENINGS.length]!;
  return `${opening(hi, sentence)} ${CLOSINGS[seed % CLOSINGS.length]!}`;
}

/** Nothing the merchant wrote answers it: say so and promise a person, never a guess. */
export function promiseToAskTheTeam(hi: string, product: string, seed: number): string {
  return ASK_THE_TEAM[seed % ASK_THE_TEAM.length]!(hi, product);
}
