import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { FALLBACK_REPLY } from '@sara/ai';
import { OpenAiBrain } from '@sara/ai-openai';
import { FakeOpenAiServer, type FakeDecision } from '../../packages/ai-openai/src/test-support/fake-openai-server.js';
import { abandonmentBody, postSigned } from '../../apps/ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { hasFixtures, serializeLikeMeta } from '../support/meta.js';
import { textMessage } from '../support/meta-events.js';
import { RecoveryStack } from '../support/recovery-stack.js';

const BUYER = '+5511976543210';
const FAQ = [
  { question: 'O acesso é vitalício?', answer: 'Sim, o acesso é vitalício: você assiste às aulas quando quiser.' },
  { question: 'Tem garantia?', answer: 'Tem garantia de 7 dias: se não gostar, devolvemos todo o valor.' },
];
let stack: RecoveryStack;
let ai: FakeOpenAiServer;
afterEach(async () => {
  await stack?.stop();
  await ai?.stop();
});

async function openRecovery(options: { value?: number; timeoutMs?: number } = {}) {
  ai = await new FakeOpenAiServer().start();
  const brain = new OpenAiBrain({ apiKey: 'sk-test', baseUrl: ai.baseUrl, model: 'gpt-4o-mini', timeoutMs: options.timeoutMs ?? 2_000 });
  stack = await new RecoveryStack().start({ brain });
  await stack.prisma.productOffer.create({
    data: {
      productId: 'prod_ai',
      productName: 'Curso de Inglês',
      paymentLink: 'https://pay.example.com/en',
      discountLink: 'https://pay.example.com/en?cupom=15',
      discountPercent: '15.00',
      faq: FAQ,
    },
  });
  const event = abandonmentBody({ name: 'Bruno Lima', phone: BUYER, productId: 'prod_ai', value: options.value ?? 197 });
  const accepted = await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), TEST_SECRETS.PAYMENT_WEBHOOK_SECRET);
  await stack.waitForQueuesIdle();
  return accepted.body.conversationId as string;
}

async function say(text: string) {
  await postSigned(stack.app, '/webhook/messages', serializeLikeMeta(textMessage(BUYER, text).body), TEST_SECRETS.WHATSAPP_APP_SECRET);
  await stack.waitForQueuesIdle();
}

/** The model's answer to a plain question; `extra` adds fields exactly as given (v3 prompts ask for faq_entry and needs_team). */
const question = (reply: string, extra: Partial<FakeDecision> = {}): FakeDecision => ({
  intent: 'question',
  sentiment: 'neutral',
  wants_discount: false,
  ...extra,
  reply,
});
const buyer = () => stack.prisma.user.findUniqueOrThrow({ where: { phoneNumber: BUYER } });

const lastSentText = () =>
  stack.graph
    .sent()
    .filter((body) => body.type === 'text')
    .at(-1)?.text.body as string | undefined;

describe.skipIf(!hasFixtures)('AI replies over an OpenAI-compatible API', () => {
  it('makes one structured call with the product, value, history and FAQ entries, and stores intent, tokens and response id', async () => {
    const conversationId = await openRecovery();
    ai.replyWith(question('Claro, Bruno! O acesso é vitalício, assista quando quiser.', { faq_entry: 0, needs_team: false }));
    await say('O acesso ao curso é vitalício?');

    expect(ai.requests).toHaveLength(1);
    const request = ai.requests[0]!.body;
    expect(request.response_format.type).toBe('json_schema');
    expect(request.response_format.json_schema.schema.required).toEqual(expect.arrayContaining(['faq_entry', 'needs_team']));
    expect(request.messages[0].role).toBe('system');
    expect(request.messages[0].content).toContain('Curso de Inglês');
    expect(request.messages[0].content).toContain('197');
    expect(request.messages[0].content).toContain('[0] Q: O acesso é vitalício? | A: Sim, o acesso é vitalício');
    expect(request.messages[0].content).not.toContain('Tem garantia?');
    expect(request.messages.at(-1)).toEqual({ role: 'user', content: 'O acesso ao curso é vitalício?' });
    expect(request.messages.some((message: { role: string }) => message.role === 'assistant')).toBe(true);

    const reply = lastSentText()!;
    expect(reply).toContain('O acesso é vitalício');
    expect(reply).toContain('https://pay.example.com/en');
    expect(reply).not.toContain('cupom=15');

    const stored = await stack.prisma.message.findFirstOrThrow({ where: { conversationId, fromSender: 'sara', messageType: 'text' } });
    expect(stored).toMatchObject({ intent: 'question', openaiTokensUsed: expect.any(Number), openaiResponseId: expect.any(String) });
    expect(stored.metadata).toMatchObject({ source: 'openai', sentiment: 'neutral', discountOffered: false, faqEntry: 0, unanswered: false });
  });

  it('throws away a reply that states a link or price the shop never gave, and sends the shop’s own answer', async () => {
    const conversationId = await openRecovery();
    ai.replyWith(question('Claro, Bruno! O acesso é vitalício. Veja em https://evil.example.com por R$ 9,90.'));
    await say('O acesso ao curso é vitalício?');
    const reply = lastSentText()!;
    expect(reply).toContain('Sim, o acesso é vitalício: você assiste às aulas quando quiser.');
    expect(reply).not.toContain('evil.example.com');
    expect(reply).not.toContain('9,90');
    expect(reply).toContain('https://pay.example.com/en');
    const stored = await stack.prisma.message.findFirstOrThrow({ where: { conversationId, fromSender: 'sara', messageType: 'text' } });
    expect(stored.metadata).toMatchObject({ source: 'fallback', aiError: 'ungrounded', faqEntry: 0 });
    expect(stored.openaiResponseId).toEqual(expect.any(String));
  });

  it('keeps a number the FAQ states, and rejects a deadline it does not', async () => {
    await openRecovery();
    ai.replyWith(question('Tem sim! São 7 dias de garantia.', { faq_entry: 1, needs_team: false }));
    await say('e se eu não gostar, tem garantia?');
    expect(lastSentText()).toContain('São 7 dias de garantia.');

    ai.replyWith(question('Tem 30 dias de garantia, mas só até amanhã!', { faq_entry: 1, needs_team: false }));
    await say('tem garantia mesmo?');
    expect(lastSentText()).not.toMatch(/30 dias|amanhã/);
    expect(lastSentText()).toContain('Tem garantia de 7 dias');
  });

  it('flags the conversation for the team when the AI says no entry answers, and keeps selling', async () => {
    const conversationId = await openRecovery();
    ai.replyWith(question('Vou confirmar com a nossa equipe e te retorno, Bruno!', { faq_entry: null, needs_team: true }));
    await say('as aulas têm legenda em espanhol?');
    expect(lastSentText()).toContain('https://pay.example.com/en');
    const transcript = await request(stack.app).get(`/conversations/${conversationId}`).set('Authorization', `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`);
    expect(transcript.body.needsHuman).toEqual({ reason: 'unknown_question', since: expect.any(String) });
    expect(transcript.body.status).not.toBe('closed');
  });

  it('offers the discount link on a price question, at most 3 times', async () => {
    await openRecovery();
    ai.replyWith({ intent: 'price_question', sentiment: 'negative', wants_discount: true, reply: 'Entendo, Bruno. Tenho uma condição especial para você.' });
    for (let turn = 0; turn < 4; turn++) await say('achei caro, tem desconto?');
    const replies = stack.graph
      .sent()
      .filter((body) => body.type === 'text')
      .map((body) => body.text.body as string);
    expect(replies.map((reply) => reply.includes('https://pay.example.com/en?cupom=15'))).toEqual([true, true, true, false]);
  });

  it('offers the discount above R$ 500 even without a price question', async () => {
    await openRecovery({ value: 897 });
    ai.replyWith(question('Claro!'));
    await say('como funciona o suporte?');
    expect(lastSentText()).toContain('cupom=15');
  });

  it('answers with the fallback when the AI times out, and the conversation goes on', async () => {
    const conversationId = await openRecovery({ timeoutMs: 300 });
    ai.delayMs = 2_000;
    await say('Tem certificado?');
    const reply = lastSentText()!;
    expect(reply.startsWith(FALLBACK_REPLY)).toBe(true);
    const stored = await stack.prisma.message.findFirstOrThrow({ where: { conversationId, fromSender: 'sara', messageType: 'text' } });
    expect(stored.metadata).toMatchObject({ source: 'fallback', aiError: 'timeout' });

    ai.delayMs = 0;
    ai.replyWith({ intent: 'question', sentiment: 'positive', wants_discount: false, reply: 'Tem sim, certificado digital!' });
    await say('Tem certificado?');
    expect(lastSentText()).toContain('certificado digital');
  });

  it('falls back on an API error without retrying', async () => {
    await openRecovery();
    ai.failNext(1, { status: 500 });
    await say('Tem certificado?');
    expect(ai.requests).toHaveLength(1);
    expect(lastSentText()!.startsWith(FALLBACK_REPLY)).toBe(true);
  });

  it('lets the AI decide an ambiguous message (layer 2) and opts the buyer out', async () => {
    await openRecovery();
    ai.replyWith({ intent: 'opt_out', sentiment: 'negative', wants_discount: false, reply: 'Tudo bem.' });
    await say('não me chama mais no privado');
    // The judgement and the reply come from one call: never a second request per message.
    expect(ai.requests).toHaveLength(1);
    const user = await buyer();
    expect(user).toMatchObject({ optedOut: true, optedOutReason: 'ai' });
    expect(lastSentText()).toMatch(/não vai mais receber mensagens/);
  });

  it('does not let the AI opt out a buyer whose message is clearly not an opt-out', async () => {
    await openRecovery();
    ai.replyWith({ intent: 'opt_out', sentiment: 'neutral', wants_discount: false, reply: 'Certo!' });
    await say('qual o horário das aulas ao vivo?');
    expect((await buyer()).optedOut).toBe(false);
  });

  it.each([
    ['a keyword opt-out, indirect ones included', 'não tenho interesse'],
    ['a direct keyword opt-out', 'SAIR'],
  ])('never calls the AI for %s', async (_case, message) => {
    await openRecovery();
    await say(message);
    expect(ai.requests).toHaveLength(0);
    expect((await buyer()).optedOut).toBe(true);
  });
});
