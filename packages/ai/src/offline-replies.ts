import type { Intent, Situation } from './types.js';

export type ReplyContext = { name: string; product: string; hasDiscount: boolean; wantsDiscount: boolean; situation?: Situation | undefined };
type Template = (c: { hi: string; product: string; method: string }) => string;

// No links, prices or percentages: the caller appends the payment (and maybe discount) link
// right after this text, which is why replies point "aqui embaixo". `hi` is ", Maria" or "".

const PRICE_WITH_OFFER: Template[] = [
  (c) => `Entendo${c.hi}! Deixei aqui embaixo as opções para você finalizar sua compra de ${c.product} do jeito que ficar melhor pra você.`,
  (c) => `Faz todo sentido pensar no valor${c.hi}. Dá uma olhada nas opções aqui embaixo para sua compra de ${c.product}.`,
  (c) => `Claro${c.hi}, vamos ver isso juntos! As opções para fechar sua compra de ${c.product} estão logo aqui embaixo.`,
];

const PRICE_NO_OFFER: Template[] = [
  (c) =>
    `Entendo${c.hi}. No momento não tenho um desconto disponível, mas o link para finalizar sua compra de ${c.product} continua aqui embaixo, caso você queira.`,
  (c) => `Poxa${c.hi}, agora não tenho nenhum cupom para oferecer. Se quiser seguir com ${c.product}, o link está logo abaixo.`,
];

const PRICE_INFO: Template[] = [
  (c) => `O valor e as formas de pagamento de ${c.product} aparecem no link aqui embaixo${c.hi}.`,
  (c) => `Boa pergunta${c.hi}! No link aqui embaixo você vê o valor de ${c.product} e as opções de pagamento.`,
];

// A buyer whose Pix or boleto expired (or is still open) hears about that payment, not a cart.
const PAYMENT_EXPIRED: Template[] = [
  (c) => `Seu ${c.method} expirou${c.hi}, mas é rapidinho gerar um novo: é só usar o link aqui embaixo para finalizar sua compra de ${c.product}.`,
  (c) => `Sem problema${c.hi}! Como o ${c.method} anterior expirou, pelo link aqui embaixo você gera um novo e conclui sua compra de ${c.product}.`,
];

const PAYMENT_PENDING: Template[] = [
  (c) => `Seu ${c.method} ainda está aguardando pagamento${c.hi}. Pelo link aqui embaixo você conclui sua compra de ${c.product}.`,
  (c) => `Tudo certo${c.hi}! Dá pra pagar o ${c.method} da sua compra de ${c.product} pelo link aqui embaixo.`,
];

const ABOUT_THE_PAYMENT: ReadonlySet<Intent> = new Set(['confirmation', 'payment_issue', 'unclear']);

const TEMPLATES: Record<Exclude<Intent, 'price_question'>, Template[]> = {
  objection: [
    (c) => `Sem problemas${c.hi}, fique à vontade para pensar com calma. Se surgir alguma dúvida sobre ${c.product}, é só me chamar.`,
    (c) => `Entendo totalmente${c.hi}. Seu carrinho com ${c.product} fica te esperando; quando fizer sentido pra você, o link está aqui embaixo.`,
    (c) => `Tudo bem${c.hi}! Decisão boa é decisão sem pressa. Posso ajudar com alguma dúvida sobre ${c.product}?`,
  ],
  confirmation: [
    (c) => `Que ótimo${c.hi}! É só finalizar sua compra de ${c.product} pelo link aqui embaixo.`,
    (c) => `Perfeito${c.hi}! O link para concluir sua compra de ${c.product} está logo abaixo. Qualquer coisa, estou por aqui.`,
    (c) => `Oba, que bom${c.hi}! Você conclui sua compra de ${c.product} pelo link aqui embaixo.`,
  ],
  payment_issue: [
    (c) =>
      `Poxa${c.hi}, sinto muito pelo problema no pagamento! Tenta de novo pelo link aqui embaixo; se preferir, dá pra escolher outra forma de pagamento por lá.`,
    (c) =>
      `Que chato${c.hi}, desculpa por isso! Deixei o link aqui embaixo para você tentar de novo sua compra de ${c.product}. Se continuar dando erro, me avisa.`,
  ],
  // Questions about paying only: a doubt about the product is answered from the FAQ or
  // promised to the team (offline-knowledge.ts).
  question: [
    (c) => `Claro${c.hi}! Pelo link aqui embaixo você escolhe a forma de pagamento e finaliza sua compra de ${c.product}.`,
    (c) => `É bem simples${c.hi}: no link aqui embaixo você vê as formas de pagamento e conclui sua compra de ${c.product}.`,
  ],
  opt_out: [(c) => `Tudo bem${c.hi}, entendi. Obrigada pela atenção!`],
  unclear: [
    (c) => `Desculpa${c.hi}, não entendi muito bem. Você quer seguir com sua compra de ${c.product} ou ficou alguma dúvida?`,
    (c) => `Hmm, acho que não entendi${c.hi}. Posso te ajudar a finalizar sua compra de ${c.product} ou tirar alguma dúvida?`,
  ],
};

/**
 * A pt-BR reply for the intent. `seed` picks among variants, so the same input always gives the
 * same reply (tests can assert it) while different messages read less canned.
 */
export function pickReply(intent: Intent, context: ReplyContext, seed: number): string {
  const templates = paymentTemplates(intent, context.situation) ?? (intent === 'price_question' ? priceTemplates(context) : TEMPLATES[intent]);
  const template = templates[seed % templates.length] ?? templates[0];
  if (!template) throw new Error(`no offline reply for intent ${intent}`);
  const product = context.product.trim() || 'produto';
  const name = context.name.trim();
  const method = context.situation?.startsWith('pix') ? 'Pix' : 'boleto';
  return template({ hi: name ? `, ${name}` : '', product, method });
}

function paymentTemplates(intent: Intent, situation: Situation | undefined): Template[] | undefined {
  if (!situation || situation === 'cart' || !ABOUT_THE_PAYMENT.has(intent)) return undefined;
  return situation.endsWith('_expired') ? PAYMENT_EXPIRED : PAYMENT_PENDING;
}

function priceTemplates(context: ReplyContext): Template[] {
  if (!context.wantsDiscount) return PRICE_INFO;
  return context.hasDiscount ? PRICE_WITH_OFFER : PRICE_NO_OFFER;
}

/** FNV-1a: stable across runs and platforms, unlike anything random or time-based. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
