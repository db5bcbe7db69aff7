import { parseEnv, zReplyEnv, zWorkerEnv } from '@sara/config';
import { zAiEnv } from '@sara/ai-openai';
import { zWhatsAppEnv } from '@sara/whatsapp';
import { z } from 'zod';

export const ZConversationWorkerEnv = zWorkerEnv
  .extend(zWhatsAppEnv.shape)
  .extend(zAiEnv.shape)
  .extend(zReplyEnv.shape)
  .extend({
    /** Buyer messages Sara answers in one conversation before handing it to a human. */
    CONVERSATION_MAX_EXCHANGES: z.coerce.number().int().min(1).max(50).default(5),
  });
export type ConversationWorkerEnv = z.infer<typeof ZConversationWorkerEnv>;

export function loadWorkerEnv(source: NodeJS.ProcessEnv = process.env): ConversationWorkerEnv {
  return parseEnv(ZConversationWorkerEnv, source);
}
