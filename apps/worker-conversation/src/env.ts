import { parseEnv, zWorkerEnv } from '@sara/config';
import { zAiEnv } from '@sara/ai-openai';
import { zWhatsAppEnv } from '@sara/whatsapp';
import { z } from 'zod';

export const ZConversationWorkerEnv = zWorkerEnv
  .extend(zWhatsAppEnv.shape)
  .extend(zAiEnv.shape)
  .extend({
    /** Buyer messages Sara answers in one conversation before handing it to a human. */
    CONVERSATION_MAX_EXCHANGES: z.coerce.number().int().min(1).max(50).default(5),
    /** Longest reply Sara sends, links included (WhatsApp allows 4096). */
    AI_REPLY_MAX_CHARS: z.coerce.number().int().min(200).max(4096).default(700),
    /** The discount link goes, unasked, to carts above this many reais. */
    DISCOUNT_MIN_CART_VALUE: z.coerce.number().min(0).max(1_000_000).default(500),
    /** The discount link is offered at most this many times in one conversation. */
    DISCOUNT_MAX_OFFERS: z.coerce.number().int().min(0).max(20).default(3),
  });
export type ConversationWorkerEnv = z.infer<typeof ZConversationWorkerEnv>;

export function loadWorkerEnv(source: NodeJS.ProcessEnv = process.env): ConversationWorkerEnv {
  return parseEnv(ZConversationWorkerEnv, source);
}
