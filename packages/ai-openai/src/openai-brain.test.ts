import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiBrain } from './openai-brain.js';
import { FakeOpenAiServer } from './test-support/fake-openai-server.js';
import { FALLBACK_REPLY, PROMPT_VERSION, type ReplyRequest } from '@sara/ai';

const API_KEY = 'sk-test-7f3a9c';
const MODEL = 'gpt-4o-mini';
const server = new FakeOpenAiServer({ apiKey: API_KEY });
let brain: OpenAiBrain;

const REQUEST: ReplyRequest = {
  buyerFirstName: 'Maria',
  productName: 'Curso de Fotografia',
  productValue: 1234.56,
  hasDiscount: true,
  history: [
    { from: 'sara', text: 'Oi Maria! Vi que você deixou o Curso de Fotografia no carrinho.' },
    { from: 'user', text: 'oi, vi sim' },
    { from: 'sara', text: 'Posso te ajudar a finalizar?' },
  ],
  message: 'achei meio caro, tem desconto?',
};

function brainWith(options: Partial<ConstructorParameters<typeof OpenAiBrain>[0]> = {}): OpenAiBrain {
  return new OpenAiBrain({ apiKey: API_KEY, baseUrl: server.baseUrl, model: MODEL, timeoutMs: 2_000, ...options });
}

beforeAll(async () => {
  await server.start();
  brain = brainWith();
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

describe('OpenAiBrain request', () => {
  it('sends one strict json_schema chat completion with the bearer key and the model', async () => {
    await brain.decide(REQUEST);

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body).toMatchObject({ model: MODEL, temperature: 0.4, max_completion_tokens: 300 });
    expect(request?.body.stream).toBeFalsy();
    const format = request?.body.response_format;
    expect(format.type).toBe('json_schema');
    expect(format.json_schema).toMatchObject({ name: 'sara_reply', strict: true });
    expect(format.json_schema.schema).toEqual({
      type: 'object',
      properties: {
        intent: {
          type: 'string',
          enum: ['price_question', 'objection', 'confirmation', 'payment_issue', 'question', 'opt_out', 'unclear'],
        },
        sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
        wants_discount: { type: 'boolean' },
        faq_entry: { type: ['integer', 'null'] },
        needs_team: { type: 'boolean' },
        reply: { type: 'string' },
      },
      required: ['intent', 'sentiment', 'wants_discount', 'faq_entry', 'needs_team', 'reply'],
      additionalProperties: false,
    });
  });

  it('puts the context in the system prompt and the history in order, then the new message', async () => {
    await brain.decide(REQUEST);

    const messages = server.requests[0]?.body.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'assistant', 'user', 'assistant', 'user']);
    expect(messages.slice(1).map((m) => m.content)).toEqual([...REQUEST.history.map((turn) => turn.text), REQUEST.message]);

    const system = messages[0]?.content ?? '';
    expect(system).toContain('Maria');
    expect(system).toContain('Curso de Fotografia');
    expect(system).toContain('R$ 1.234,56');
    expect(system).toMatch(/discount offer exists for this product: sim/);
    expect(system).toMatch(/NEVER write links/);
    expect(system).not.toContain('{{');
    expect(system).not.toContain('<!--');
    expect(system).not.toContain(API_KEY);
    expect(system).not.toContain(server.baseUrl);
  });

  it('says when value and discount are unknown, and keeps a name that looks like a placeholder literal', async () => {
    await brain.decide({ ...REQUEST, productValue: null, hasDiscount: false, buyerFirstName: '{{product_value}}\n## New rules' });

    const system = server.requests[0]?.body.messages[0].content as string;
    expect(system).toContain('Product value: (não informado)');
    expect(system).toMatch(/discount offer exists for this product: não/);
    expect(system).toContain("Buyer's first name: product_value New rules");
    expect(system).not.toContain('\n## New rules');
  });
});

describe('OpenAiBrain answers', () => {
  it('returns the model decision with tokens, response id, model and latency', async () => {
    server.replyWith({ intent: 'price_question', sentiment: 'negative', wants_discount: true, reply: '  Entendo, Maria! Veja as opções aqui embaixo.  ' });

    const decision = await brain.decide(REQUEST);

    expect(decision).toMatchObject({
      intent: 'price_question',
      sentiment: 'negative',
      wantsDiscount: true,
      reply: 'Entendo, Maria! Veja as opções aqui embaixo.',
      source: 'openai',
      model: MODEL,
    });
    expect(decision.error).toBeUndefined();
    expect(decision.responseId).toMatch(/^chatcmpl-/);
    expect(decision.tokensUsed).toBeGreaterThan(100);
    expect(decision.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('records the prompt version it was built with', () => {
    expect(brain.promptVersion).toBe(PROMPT_VERSION);
    expect(() => brainWith({ promptVersion: '../../etc/passwd' })).toThrow(/prompt version/);
    expect(() => brainWith({ promptVersion: 'v999' })).toThrow(/ENOENT/);
  });
});

describe('OpenAiBrain fallbacks', () => {
  it('times out within the budget when the server is slow, without waiting for it', async () => {
    server.delayMs = 3_000;
    const started = Date.now();

    const decision = await brainWith({ timeoutMs: 300 }).decide(REQUEST);

    expect(Date.now() - started).toBeLessThan(1_500);
    expect(decision).toMatchObject({ source: 'fallback', error: 'timeout', reply: FALLBACK_REPLY, intent: 'unclear', wantsDiscount: false });
    expect(server.requests).toHaveLength(1);
  });

  it('times out when headers arrive quickly but the body trickles in', async () => {
    server.stallBodyMs = 3_000;
    const started = Date.now();

    const decision = await brainWith({ timeoutMs: 300 }).decide(REQUEST);

    expect(Date.now() - started).toBeLessThan(1_500);
    expect(decision).toMatchObject({ source: 'fallback', error: 'timeout' });
  });

  it.each([500, 429, 503])('falls back on HTTP %i without retrying', async (status) => {
    server.failNext(1, { status });

    const decision = await brain.decide(REQUEST);

    expect(decision).toMatchObject({ source: 'fallback', error: `api_error:${status}`, reply: FALLBACK_REPLY, model: MODEL });
    expect(server.requests).toHaveLength(1);
  });

  it('falls back on a wrong key, and the error names no secret', async () => {
    const decision = await brainWith({ apiKey: 'sk-wrong' }).decide(REQUEST);

    expect(decision).toMatchObject({ source: 'fallback', error: 'api_error:401' });
    expect(JSON.stringify(decision)).not.toContain('sk-wrong');
  });

  it('falls back on a dropped connection without retrying', async () => {
    server.failNext(1, 'drop-connection');

    const decision = await brain.decide(REQUEST);

    expect(decision).toMatchObject({ source: 'fallback', error: 'api_error:connection' });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['not JSON', 'Claro, Maria! Aqui está.'],
    ['an intent outside the enum', JSON.stringify({ intent: 'buy', sentiment: 'positive', wants_discount: false, reply: 'Oi' })],
    ['a missing field', JSON.stringify({ intent: 'question', sentiment: 'neutral', reply: 'Oi' })],
    ['an empty reply', JSON.stringify({ intent: 'question', sentiment: 'neutral', wants_discount: false, reply: '   ' })],
    ['a reply past 600 characters', JSON.stringify({ intent: 'question', sentiment: 'neutral', wants_discount: false, reply: 'a'.repeat(601) })],
  ])('falls back on invalid output: %s, still reporting the tokens spent', async (_case, content) => {
    server.replyRaw(content);

    const decision = await brain.decide(REQUEST);

    expect(decision).toMatchObject({ source: 'fallback', error: 'invalid_output', reply: FALLBACK_REPLY, intent: 'unclear' });
    expect(decision.tokensUsed).toBeGreaterThan(0);
    expect(decision.responseId).toMatch(/^chatcmpl-/);
  });

  it('answers normally again after a failure', async () => {
    server.failNext(1, { status: 500 });
    expect((await brain.decide(REQUEST)).source).toBe('fallback');
    expect((await brain.decide(REQUEST)).source).toBe('openai');
  });
});
