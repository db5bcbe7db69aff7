import OpenAI, { APIConnectionTimeoutError, APIError } from 'openai';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import {
  FALLBACK_REPLY,
  INTENTS,
  loadReplyPrompt,
  PROMPT_VERSION,
  renderReplyPrompt,
  SENTIMENTS,
  type ConversationBrain,
  type ReplyDecision,
  type ReplyRequest,
} from '@sara/ai';

export type OpenAiBrainOptions = {
  apiKey: string;
  /** Any OpenAI-compatible server, e.g. https://api.openai.com/v1. */
  baseUrl: string;
  model: string;
  /** Budget for the whole call, body included. */
  timeoutMs: number;
  promptVersion?: string;
};

/** The caller already sends at most 10; the cap bounds tokens if one day it doesn't. */
const MAX_HISTORY_TURNS = 10;
/** The prompt asks for under 300; past this the model ignored it and a fallback is the better answer. */
const REPLY_MAX_CHARS = 600;

/** Strict structured output: the server guarantees this shape, zod checks it anyway. */
const RESPONSE_SCHEMA = {
  type: 'object',
  properties: {
    intent: { type: 'string', enum: [...INTENTS] },
    sentiment: { type: 'string', enum: [...SENTIMENTS] },
    wants_discount: { type: 'boolean' },
    faq_entry: { type: ['integer', 'null'] },
    needs_team: { type: 'boolean' },
    reply: { type: 'string' },
  },
  required: ['intent', 'sentiment', 'wants_discount', 'faq_entry', 'needs_team', 'reply'],
  additionalProperties: false,
} as const;

const zModelOutput = z.object({
  intent: z.enum(INTENTS),
  sentiment: z.enum(SENTIMENTS),
  wants_discount: z.boolean(),
  // Optional for prompts before v3, which do not ask for them.
  faq_entry: z.number().int().nullable().optional(),
  needs_team: z.boolean().optional(),
  reply: z.string().trim().min(1).max(REPLY_MAX_CHARS),
});

/** One structured chat completion per buyer message: classification and reply in a single call. */
export class OpenAiBrain implements ConversationBrain {
  readonly kind = 'openai' as const;
  readonly promptVersion: string;
  readonly #client: OpenAI;
  readonly #model: string;
  readonly #timeoutMs: number;
  readonly #template: string;

  constructor(options: OpenAiBrainOptions) {
    this.promptVersion = options.promptVersion ?? PROMPT_VERSION;
    this.#template = loadReplyPrompt(this.promptVersion);
    this.#model = options.model;
    this.#timeoutMs = options.timeoutMs;
    this.#client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseUrl,
      timeout: options.timeoutMs,
      // A retry would land after the buyer's patience and the queue's own retry; the fallback
      // reply keeps the conversation going instead.
      maxRetries: 0,
      // Explicit so the SDK does not pick these up from process.env behind config's back.
      organization: null,
      project: null,
      // OPENAI_LOG=debug would make the SDK print request bodies, i.e. buyers' messages.
      logLevel: 'warn',
    });
  }

  async decide(request: ReplyRequest): Promise<ReplyDecision> {
    const startedAt = performance.now();
    // The SDK's timeout stops once response headers arrive; this deadline also covers a body
    // that trickles in, so the buyer's answer never waits longer than the budget.
    const deadline = AbortSignal.timeout(this.#timeoutMs);
    let completion: ChatCompletion;
    try {
      completion = await this.#client.chat.completions.create(
        {
          model: this.#model,
          messages: this.#messages(request),
          response_format: { type: 'json_schema', json_schema: { name: 'sara_reply', strict: true, schema: RESPONSE_SCHEMA } },
          temperature: 0.4,
          // max_completion_tokens, not max_tokens: OpenAI deprecated max_tokens and rejects it with
          // a 400 on reasoning models, which would turn every reply into a fallback after a model
          // change. Compatible servers that predate the new name ignore it (reply length is then
          // bounded by the prompt and REPLY_MAX_CHARS), which is the cheaper failure.
          max_completion_tokens: 300,
        },
        { signal: deadline },
      );
    } catch (error) {
      return this.#fallback(startedAt, describeFailure(error, deadline));
    }
    const output = parseOutput(completion);
    const usage = { model: completion.model || this.#model, responseId: completion.id, tokensUsed: completion.usage?.total_tokens ?? 0 };
    // Tokens of an unusable answer were still paid for: report them with the fallback.
    if (!output) return { ...this.#fallback(startedAt, 'invalid_output'), ...usage };
    return {
      intent: output.intent,
      sentiment: output.sentiment,
      wantsDiscount: output.wants_discount,
      reply: output.reply,
      // An entry the model was not shown is not a source; the facts check still reads the text.
      faqEntry: request.knowledge?.some((entry) => entry.index === output.faq_entry) ? output.faq_entry! : null,
      unanswered: output.needs_team === true && (output.faq_entry ?? null) === null,
      source: 'openai',
      ...usage,
      latencyMs: elapsedSince(startedAt),
    };
  }

  #messages(request: ReplyRequest): ChatCompletionMessageParam[] {
    return [
      { role: 'system', content: renderReplyPrompt(this.#template, request) },
      ...request.history
        .slice(-MAX_HISTORY_TURNS)
        .map((turn): ChatCompletionMessageParam => ({ role: turn.from === 'sara' ? 'assistant' : 'user', content: turn.text })),
      { role: 'user', content: request.message },
    ];
  }

  #fallback(startedAt: number, error: string): ReplyDecision {
    return {
      intent: 'unclear',
      sentiment: 'neutral',
      wantsDiscount: false,
      reply: FALLBACK_REPLY,
      source: 'fallback',
      model: this.#model,
      latencyMs: elapsedSince(startedAt),
      error,
    };
  }
}

function parseOutput(completion: ChatCompletion): z.infer<typeof zModelOutput> | undefined {
  const message = completion.choices[0]?.message;
  // A refusal or a truncated answer has no usable JSON; both count as invalid output.
  if (!message || message.refusal || typeof message.content !== 'string') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(message.content);
  } catch {
    return undefined;
  }
  const parsed = zModelOutput.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** Only status and codes: the provider's message may quote the request, i.e. the buyer's words. */
function describeFailure(error: unknown, deadline: AbortSignal): string {
  if (error instanceof APIConnectionTimeoutError || deadline.aborted) return 'timeout';
  if (error instanceof APIError) {
    if (error.status !== undefined) return `api_error:${error.status}`;
    if (typeof error.code === 'string' && error.code !== '') return `api_error:${error.code}`;
    return 'api_error:connection';
  }
  return 'api_error:unknown';
}

function elapsedSince(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}
