import type { FactSources } from '@sara/ai';

/** WhatsApp's limit for a text body. */
export const WHATSAPP_TEXT_LIMIT = 4_096;

const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+/gi;
/** Bare domains ("loja.com.br/promo") are links too, for a buyer tapping them. */
const BARE_DOMAIN_PATTERN = /\b(?:[a-z0-9-]+\.)+(?:com|net|org|br|io|app|shop|store|link|ly|me|co|info|site|online)\b(?:\/\S*)?/gi;
const MONEY_PATTERN = /R\$\s?\d[\d.,]*/gi;
const PERCENT_PATTERN = /\b\d{1,3}\s?%/g;

export type ReplyLinks = { paymentLink: string; discountLink: string | null };

/** When the discount link may be offered: carts above `minCartValue` (R$), at most `maxOffers` times. */
export type DiscountRule = { minCartValue: number; maxOffers: number };

/**
 * Whether this reply may carry the discount link (design 5.1 [10]): the buyer talks price or
 * the cart is above the rule's value, fewer offers than its maximum were made, and the product
 * has a discount link.
 */
export function shouldOfferDiscount(
  input: {
    intent: string;
    wantsDiscount: boolean;
    value: number | null;
    earlierOffers: number;
    discountLink: string | null;
  },
  rule: DiscountRule,
): boolean {
  if (!input.discountLink || input.earlierOffers >= rule.maxOffers) return false;
  return input.intent === 'price_question' || input.wantsDiscount || (input.value ?? 0) > rule.minCartValue;
}

/**
 * The model never decides a link or a price: whatever URL it wrote, and any amount or percentage
 * that `sources` (the offer and its FAQ entries) do not state, is removed, and the payment link
 * (always) and the discount link (when the rules allow) are appended by code. The text is cut at
 * a sentence boundary to fit `maxChars`.
 */
export function composeReply(
  aiReply: string,
  links: ReplyLinks,
  options: { offerDiscount: boolean; maxChars: number; withLinks?: boolean; sources?: FactSources },
): string {
  const footer =
    options.withLinks === false
      ? ''
      : [
          `Para finalizar sua compra: ${links.paymentLink}`,
          ...(options.offerDiscount && links.discountLink ? [`Com desconto especial: ${links.discountLink}`] : []),
        ].join('\n');
  const keepIfStated = (fact: string) => (options.sources?.allowsAll(fact) ? fact : '');
  const budget = Math.min(options.maxChars, WHATSAPP_TEXT_LIMIT) - footer.length - 2;
  const cleaned = aiReply
    .replace(URL_PATTERN, '')
    .replace(BARE_DOMAIN_PATTERN, '')
    .replace(MONEY_PATTERN, keepIfStated)
    .replace(PERCENT_PATTERN, keepIfStated)
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\s+([,.!?])/g, '$1')
    .trim();
  const body = fitToBudget(cleaned, Math.max(budget, 0));
  return [body, footer].filter(Boolean).join('\n\n');
}

function fitToBudget(text: string, budget: number): string {
  if ([...text].length <= budget) return text;
  const characters = [...text].slice(0, budget).join('');
  const lastStop = Math.max(characters.lastIndexOf('. '), characters.lastIndexOf('! '), characters.lastIndexOf('? '));
  if (lastStop > budget / 3) return characters.slice(0, lastStop + 1);
  return `${characters.slice(0, Math.max(budget - 1, 0)).trimEnd()}…`;
}
