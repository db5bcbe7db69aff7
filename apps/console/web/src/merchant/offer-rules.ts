import type { FaqEntry, OfferInput, OfferTestRequest, OfferView } from '../../../src/merchant-contract.js';
import type { FieldErrors } from './field-errors.js';

// The offer's rules, as the server holds them (apps/ingress offers-admin.routes.ts and the
// console's PUT /api/offers): checked here first so the person reads them in Portuguese at once.
export const MAX_FAQ_ENTRIES = 100;
export const MAX_FAQ_TEXT = 1_000;
export const MAX_LINK = 1_024;
export const MAX_NAME = 255;
export const MAX_DISCOUNT = 90;

export type FaqDraft = FaqEntry & { key: number };

/** What the form holds: text as typed, turned into the API's shape only when valid. */
export type OfferDraft = {
  productId: string;
  productName: string;
  paymentLink: string;
  discountLink: string;
  discountPercent: string;
  active: boolean;
  faq: FaqDraft[];
};

let nextKey = 1;
export const faqDraft = (entry: FaqEntry = { question: '', answer: '' }): FaqDraft => ({ ...entry, key: nextKey++ });

export function emptyOffer(): OfferDraft {
  return { productId: '', productName: '', paymentLink: '', discountLink: '', discountPercent: '', active: true, faq: [faqDraft()] };
}

export function draftOf(offer: OfferView): OfferDraft {
  return {
    productId: offer.productId,
    productName: offer.productName,
    paymentLink: offer.paymentLink,
    discountLink: offer.discountLink ?? '',
    discountPercent: offer.discountPercent === null ? '' : String(offer.discountPercent).replace('.', ','),
    active: offer.active,
    faq: offer.faq.length ? offer.faq.map((entry) => faqDraft(entry)) : [faqDraft()],
  };
}

const PRODUCT_ID = /^[^\p{Cc}]{1,255}$/u;

function isHttpsLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.') && !/\s/.test(value);
  } catch {
    return false;
  }
}

/** "10", "12,5" or "12.5" → 12.5; null when empty; NaN when not a number. */
export function parsePercent(text: string): number | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  return /^\d+([.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : Number.NaN;
}

const FIELD_RULES: Record<string, string> = {
  productId: 'Informe o código do produto na plataforma (até 255 caracteres).',
  productName: `Informe o nome do produto (até ${MAX_NAME} caracteres).`,
  paymentLink: 'Use um link completo que comece com https:// (até 1.024 caracteres).',
  discountLink: 'Use um link completo que comece com https:// (até 1.024 caracteres), ou deixe em branco.',
  discountPercent: `O desconto vai de 0 a ${MAX_DISCOUNT}%. Deixe em branco para não oferecer desconto.`,
  faq: `Cadastre até ${MAX_FAQ_ENTRIES} perguntas: são o que a Sara sabe do produto (sem nenhuma, ela diz que vai verificar com a equipe).`,
  question: `Escreva a pergunta do comprador (até ${MAX_FAQ_TEXT} caracteres).`,
};

/** The Portuguese rule of a field the server refused, or null when this form has no such field. */
export function describeOfferField(field: string): string | null {
  const faq = /^faq\[(\d+)\](?:\.(question|answer))?$/.exec(field);
  if (faq) {
    const what = faq[2] === 'answer' ? 'a resposta' : 'a pergunta';
    return faq[2] ? `Escreva ${what} (de 1 a ${MAX_FAQ_TEXT} caracteres).` : 'Preencha a pergunta e a resposta.';
  }
  if (field === 'active') return null;
  return FIELD_RULES[field] ?? null;
}

/** Every problem of the draft, keyed by the server's field names; empty when it may be sent. */
export function validateOffer(draft: OfferDraft, { checkProductId }: { checkProductId: boolean }): FieldErrors {
  const errors: FieldErrors = {};
  if (checkProductId && !PRODUCT_ID.test(draft.productId.trim())) errors.productId = FIELD_RULES.productId!;
  const name = draft.productName.trim();
  if (!name || name.length > MAX_NAME) errors.productName = FIELD_RULES.productName!;
  const payment = draft.paymentLink.trim();
  if (!payment) errors.paymentLink = 'Informe o link de pagamento (https://…).';
  else if (payment.length > MAX_LINK || !isHttpsLink(payment)) errors.paymentLink = FIELD_RULES.paymentLink!;
  const discountLink = draft.discountLink.trim();
  if (discountLink && (discountLink.length > MAX_LINK || !isHttpsLink(discountLink))) errors.discountLink = FIELD_RULES.discountLink!;
  const percent = parsePercent(draft.discountPercent);
  if (percent !== null && !(percent >= 0 && percent <= MAX_DISCOUNT)) errors.discountPercent = FIELD_RULES.discountPercent!;
  // An offer may have no FAQ at all (Sara then promises to ask the team); a row left wholly blank is dropped.
  if (filledFaq(draft).length > MAX_FAQ_ENTRIES) errors.faq = FIELD_RULES.faq!;
  draft.faq.forEach((entry, index) => {
    if (isBlank(entry)) return;
    for (const part of ['question', 'answer'] as const) {
      const text = entry[part].trim();
      if (!text || text.length > MAX_FAQ_TEXT) errors[`faq[${index}].${part}`] = describeOfferField(`faq[${index}].${part}`)!;
    }
  });
  return errors;
}

const isBlank = (entry: { question: string; answer: string }) => !entry.question.trim() && !entry.answer.trim();
const filledFaq = (draft: OfferDraft) => draft.faq.filter((entry) => !isBlank(entry));

export function offerInput(draft: OfferDraft): OfferInput {
  const discountLink = draft.discountLink.trim();
  return {
    productName: draft.productName.trim(),
    paymentLink: draft.paymentLink.trim(),
    discountLink: discountLink || null,
    discountPercent: parsePercent(draft.discountPercent),
    active: draft.active,
    faq: filledFaq(draft).map(({ question, answer }) => ({ question: question.trim(), answer: answer.trim() })),
  };
}

export function offerTestRequest(draft: OfferDraft, question: string): OfferTestRequest {
  const { productName, paymentLink, discountLink, discountPercent, faq } = offerInput(draft);
  return { offer: { productName, paymentLink, discountLink, discountPercent, faq: faq ?? [] }, question: question.trim() };
}
