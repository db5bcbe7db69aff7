import { z } from 'zod';
import { OfflineBrain, type ConversationBrain } from '@sara/ai';
import { OpenAiBrain } from './openai-brain.js';

/** The AI part of an app's env schema; merge it with `.extend(zAiEnv.shape)`. */
export const zAiEnv = z.object({
  /** Absent (or empty, as a blank `.env` line gives) means the embedded offline brain. */
  OPENAI_API_KEY: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim())),
  /** Any OpenAI-compatible server (Azure, a proxy, a local model), up to and including /v1. */
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL (e.g. https://api.openai.com/v1)' }).default('https://api.openai.com/v1'),
  OPENAI_MODEL: z.string().trim().min(1, 'must name a chat model (e.g. gpt-4o-mini)').default('gpt-4o-mini'),
  /** The whole model call, after which the buyer gets the fallback reply; there is no retry. */
  AI_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be positive').default(5000),
});
export type AiEnv = z.infer<typeof zAiEnv>;

/** OpenAI when a key is configured, otherwise the offline rules, so a fresh checkout still talks. */
export function createBrain(env: AiEnv): ConversationBrain {
  if (env.OPENAI_API_KEY === undefined) return new OfflineBrain();
  return new OpenAiBrain({
    apiKey: env.OPENAI_API_KEY,
    baseUrl: env.OPENAI_BASE_URL,
    model: env.OPENAI_MODEL,
    timeoutMs: env.AI_TIMEOUT_MS,
  });
}
