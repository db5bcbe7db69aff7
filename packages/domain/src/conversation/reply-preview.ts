import { OfflineBrain } from '@sara/ai';
import type { PrismaClientOrTransaction } from '../client.js';
import type { ProductOfferView } from '../recovery/product-offer-catalog.js';
import { cannedReplies } from './canned-replies.js';
import { decideGroundedReply } from './grounded-decision.js';
import type { ConversationSettings } from './inbound-message.service.js';
import { detectOptOut } from './opt-out/index.js';
import { composeReply, shouldOfferDiscount } from './reply-composer.js';

export type ReplyPreview = {
  /** The FAQ entry the reply states, by its position in the offer's list. */
  entry: { index: number; question: string; answer: string } | null;
  reply: string;
  /** No entry answers a product question: the worker would promise to ask the team and flag the conversation. */
  unanswered: boolean;
};

export type OfferDraft = Pick<ProductOfferView, 'productName' | 'paymentLink' | 'discountLink' | 'discountPercent' | 'faq'>;

const brain = new OfflineBrain();
/** The preview speaks to a sample buyer, so the merchant sees where the buyer's name goes. */
export const SAMPLE_BUYER = 'Maria';

/**
 * What Sara would answer a buyer's first question about this offer — a draft, saved or not —
 * with the offline brain: the opt-out keywords, FAQ retrieval and grounding, and the links the
 * composer appends, as InboundMessageService does for a cart with no value and no earlier
 * turn. Nothing is stored or sent; the only read is the shop's opt-out keywords.
 */
export async function previewReply(db: PrismaClientOrTransaction, offer: OfferDraft, question: string, settings: ReplySettings): Promise<ReplyPreview> {
  const keywords = await db.optOutKeyword.findMany({ where: { active: true }, select: { keyword: true } });
  const verdict = detectOptOut(
    question,
    keywords.map((row) => row.keyword),
  );
  if (verdict.optOut) return { entry: null, reply: cannedReplies.optOutFarewell(SAMPLE_BUYER), unanswered: false };

  const { decision, sources } = await decideGroundedReply(
    brain,
    {
      buyerFirstName: SAMPLE_BUYER,
      productName: offer.productName,
      situation: 'cart',
      productValue: null,
      hasDiscount: Boolean(offer.discountLink),
      history: [],
      message: question,
    },
    offer,
    null,
  );
  // The worker's own rule: an ambiguous message the AI reads as an opt-out gets no sales link.
  const withLinks = decision.intent !== 'opt_out';
  const offerDiscount =
    withLinks &&
    shouldOfferDiscount(
      { intent: decision.intent, wantsDiscount: decision.wantsDiscount, value: null, earlierOffers: 0, discountLink: offer.discountLink },
      settings.discount,
    );
  const reply = composeReply(
    decision.reply,
    { paymentLink: offer.paymentLink, discountLink: offer.discountLink },
    { offerDiscount, maxChars: settings.replyMaxChars, withLinks, sources },
  );
  const index = decision.faqEntry ?? null;
  const faq = index === null ? undefined : offer.faq[index];
  return { entry: faq && index !== null ? { index, question: faq.question, answer: faq.answer } : null, reply, unanswered: decision.unanswered ?? false };
}

/** What a reply's composition depends on, beyond the message: its length and the discount rule. */
export type ReplySettings = Pick<ConversationSettings, 'replyMaxChars' | 'discount'>;

export function replySettingsFromEnv(env: { AI_REPLY_MAX_CHARS: number; DISCOUNT_MIN_CART_VALUE: number; DISCOUNT_MAX_OFFERS: number }): ReplySettings {
  return { replyMaxChars: env.AI_REPLY_MAX_CHARS, discount: { minCartValue: env.DISCOUNT_MIN_CART_VALUE, maxOffers: env.DISCOUNT_MAX_OFFERS } };
}
