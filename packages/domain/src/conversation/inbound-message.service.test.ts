import { randomUUID } from 'node:crypto';
import { OpenAiBrain } from '@sara/ai-openai';
import { createProducerConnection, RedisCache } from '@sara/jobs';
import { createLogger } from '@sara/observability';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openConversation } from '../../../../test/support/conversation-fixture.js';
import { createTestPrisma, truncateAll } from '../../../../test/support/database.js';
import { TEST_REDIS_URL } from '../../../../test/test-env.js';
import { FakeOpenAiServer, type FakeDecision } from '../../../ai-openai/src/test-support/fake-openai-server.js';
import { ProductOfferCatalog } from '../recovery/product-offer-catalog.js';
import type { InboundMessage } from './inbound-event.js';
import { InboundMessageService } from './inbound-message.service.js';
import { OptOutKeywordCache } from './opt-out/index.js';

const prisma = createTestPrisma();
const redis = createProducerConnection(TEST_REDIS_URL);
const logger = createLogger({ service: 'test', level: 'silent' });
const openAi = new FakeOpenAiServer({ apiKey: 'sk-test' });
const PHONE = '+5511987654444';
let service: InboundMessageService;

const QUESTION: FakeDecision = {
  intent: 'question',
  sentiment: 'neutral',
  wants_discount: false,
  reply: 'Claro, posso te ajudar com isso!',
  faq_entry: null,
  needs_team: false,
};

beforeAll(async () => {
  await openAi.start();
  service = new InboundMessageService(prisma, {
    // A prefix of its own, so the cached keyword list is the seeded table's, not another test's.
    keywords: new OptOutKeywordCache(prisma, new RedisCache(redis), `sara-test-${randomUUID().slice(0, 8)}`),
    brain: new OpenAiBrain({ apiKey: 'sk-test', baseUrl: openAi.baseUrl, model: 'gpt-4o-mini', timeoutMs: 5_000 }),
    offers: new ProductOfferCatalog(prisma),
    settings: { maxExchanges: 2, replyMaxChars: 1_000, discount: { minCartValue: 500, maxOffers: 3 } },
  });
});
beforeEach(async () => {
  await truncateAll(prisma);
  openAi.reset();
  openAi.replyWith(QUESTION);
});
afterAll(async () => {
  await openAi.stop();
  redis.disconnect();
  await prisma.$disconnect();
});

/** A text message as the ingress parses it from Meta's webhook. */
function text(body: string, options: { phone?: string; wamid?: string; hoursAgo?: number } = {}): InboundMessage {
  return {
    kind: 'message',
    wamid: options.wamid ?? `wamid.${randomUUID()}`,
    phone: options.phone ?? PHONE,
    sentAt: new Date(Date.now() - (options.hoursAgo ?? 0) * 3_600_000),
    type: 'text',
    text: body,
    withoutText: 'ignore',
    system: false,
  };
}

const messagesOf = (conversationId: string, fromSender: 'user' | 'sara') =>
  prisma.message.findMany({ where: { conversationId, fromSender }, orderBy: { createdAt: 'asc' } });
const conversationRow = (id: string) => prisma.conversation.findUniqueOrThrow({ where: { id } });

describe('InboundMessageService', () => {
  it('records nothing and answers nothing for a number with no conversation', async () => {
    await openConversation(prisma, { phoneNumber: PHONE });
    expect(await service.handle(text('oi, quanto custa?', { phone: '+5521912345678' }), logger)).toEqual([]);
    expect(await prisma.message.count()).toBe(0);
    expect(openAi.requests).toHaveLength(0);
  });

  it('records the first reply, opens the window and queues one AI reply carrying the payment link', async () => {
    const { conversation } = await openConversation(prisma, { phoneNumber: PHONE });
    const event = text('tem garantia?');

    const ids = await service.handle(event, logger);

    const [inbound] = await messagesOf(conversation.id, 'user');
    expect(inbound).toMatchObject({ whatsappMessageId: event.wamid, messageText: 'tem garantia?', status: 'received', intent: 'question' });
    expect(await conversationRow(conversation.id)).toMatchObject({ status: 'active', lastUserMessageAt: event.sentAt, messageCount: 1 });
    const replies = await messagesOf(conversation.id, 'sara');
    expect(replies.map((reply) => reply.id)).toEqual(ids);
    expect(replies[0]).toMatchObject({ status: 'queued', messageType: 'text', intent: 'question' });
    expect(replies[0]?.messageText).toContain(QUESTION.reply);
    expect(replies[0]?.messageText).toContain('https://pay.sara.example/curso');
    expect(openAi.requests).toHaveLength(1);
  });

  it('records a redelivered wamid once and queues its reply once, and nothing once that reply left', async () => {
    const { conversation } = await openConversation(prisma, { phoneNumber: PHONE });
    const event = text('qual o prazo de entrega?');

    const first = await service.handle(event, logger);
    const retried = await service.handle(event, logger);
    // The same row, still waiting: the send job may be enqueued again, the row sends once.
    expect(retried).toEqual(first);
    await prisma.message.updateMany({ where: { id: { in: first } }, data: { status: 'sent' } });
    expect(await service.handle(event, logger)).toEqual([]);

    expect(await messagesOf(conversation.id, 'user')).toHaveLength(1);
    expect(await messagesOf(conversation.id, 'sara')).toHaveLength(1);
    expect((await conversationRow(conversation.id)).messageCount).toBe(1);
  });

  it('opts the buyer out on a keyword: recorded on the user, conversation closed, recovery declined, one farewell', async () => {
    const { user, abandonment, conversation } = await openConversation(prisma, { phoneNumber: PHONE });

    const ids = await service.handle(text('quero sair da lista'), logger);

    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ optedOut: true, optedOutReason: 'keyword:sair' });
    expect(await conversationRow(conversation.id)).toMatchObject({ status: 'closed', closedReason: 'opted_out' });
    expect((await prisma.abandonment.findUniqueOrThrow({ where: { id: abandonment.id } })).status).toBe('declined');
    expect((await messagesOf(conversation.id, 'user'))[0]?.intent).toBe('opt_out');
    const replies = await messagesOf(conversation.id, 'sara');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ id: ids[0], intent: 'opt_out_farewell', status: 'queued' });
    // Layer 1 decided: the model is not asked.
    expect(openAi.requests).toHaveLength(0);
  });

  it('opts out on the AI’s judgement only where the keywords were unsure', async () => {
    openAi.replyWith({ ...QUESTION, intent: 'opt_out', reply: 'Tudo bem, não envio mais.' });
    const ambiguous = await openConversation(prisma, { phoneNumber: PHONE });
    const plain = await openConversation(prisma, { phoneNumber: '+5511987655555' });

    await service.handle(text('isso é spam?'), logger);
    await service.handle(text('qual a cor da capa?', { phone: '+5511987655555' }), logger);

    expect(await prisma.user.findUniqueOrThrow({ where: { id: ambiguous.user.id } })).toMatchObject({ optedOut: true, optedOutReason: 'ai' });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: plain.user.id } })).optedOut).toBe(false);
    // Read as wanting out, the buyer still gets no sales link.
    const replies = await messagesOf(plain.conversation.id, 'sara');
    expect(replies).toEqual([expect.objectContaining({ intent: 'opt_out', messageText: 'Tudo bem, não envio mais.' })]);
  });

  it('records but does not answer a buyer who opted out, nor a message older than 24 h', async () => {
    const out = await openConversation(prisma, { phoneNumber: PHONE, optedOut: true });
    const late = await openConversation(prisma, { phoneNumber: '+5511987655555' });

    expect(await service.handle(text('oi, ainda tem?'), logger)).toEqual([]);
    expect(await service.handle(text('oi, ainda tem?', { phone: '+5511987655555', hoursAgo: 25 }), logger)).toEqual([]);

    for (const { conversation } of [out, late]) {
      expect(await messagesOf(conversation.id, 'user')).toHaveLength(1);
      expect(await messagesOf(conversation.id, 'sara')).toHaveLength(0);
    }
    expect(openAi.requests).toHaveLength(0);
  });

  it('flags the conversation for the team on a question the FAQ cannot answer, and keeps the sale going', async () => {
    await new ProductOfferCatalog(prisma).save({
      productId: 'curso',
      productName: 'Curso de Fotografia',
      paymentLink: 'https://pay.sara.example/curso',
      discountLink: null,
      discountPercent: null,
      faq: [{ question: 'Tem garantia?', answer: 'Sim, sete dias de garantia.' }],
    });
    const { conversation } = await openConversation(prisma, { phoneNumber: PHONE });
    openAi.replyWith({ ...QUESTION, reply: 'Vou confirmar com a equipe e te respondo.', needs_team: true, faq_entry: null });

    const ids = await service.handle(text('vocês entregam na Bolívia?'), logger);

    const stored = await conversationRow(conversation.id);
    expect(stored).toMatchObject({ needsHumanReason: 'unknown_question', status: 'active' });
    expect(stored.needsHumanAt).toBeInstanceOf(Date);
    expect(ids).toHaveLength(1);
  });

  it('does not flag a question the FAQ answers', async () => {
    const { conversation } = await openConversation(prisma, { phoneNumber: PHONE });
    openAi.replyWith({ ...QUESTION, needs_team: false, faq_entry: 1 });
    await service.handle(text('tem garantia?'), logger);
    expect((await conversationRow(conversation.id)).needsHumanReason).toBeNull();
  });

  it('hands the buyer to a human after the exchange limit: open and flagged, one hand-off message, no AI call', async () => {
    const { conversation } = await openConversation(prisma, { phoneNumber: PHONE });
    await service.handle(text('tem garantia?'), logger);
    await service.handle(text('e o frete?'), logger);
    openAi.reset();

    const ids = await service.handle(text('e parcelado?'), logger);

    expect(await conversationRow(conversation.id)).toMatchObject({ status: 'active', closedReason: null, needsHumanReason: 'exchange_limit' });
    const handOff = await prisma.message.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(handOff).toMatchObject({ intent: 'hand_off', status: 'queued' });
    expect(openAi.requests).toHaveLength(0);

    // The team has it now: the buyer's next words are kept, and Sara says nothing.
    expect(await service.handle(text('alguém aí?'), logger)).toEqual([]);
    expect(await prisma.message.count({ where: { conversationId: conversation.id, fromSender: 'user' } })).toBe(4);
    expect(openAi.requests).toHaveLength(0);
  });

  it('hands the buyer to the team at once when they ask for a person, without asking the AI', async () => {
    const { conversation } = await openConversation(prisma, { phoneNumber: PHONE });
    openAi.reset();

    const ids = await service.handle(text('quero falar com um atendente'), logger);

    expect(await conversationRow(conversation.id)).toMatchObject({ status: 'active', closedReason: null, needsHumanReason: 'asked_for_person' });
    expect(await prisma.message.findUniqueOrThrow({ where: { id: ids[0] } })).toMatchObject({ intent: 'hand_off', status: 'queued' });
    expect(openAi.requests).toHaveLength(0);
  });

  it('stays silent while an operator has taken the conversation over, but still honours an opt-out', async () => {
    const { conversation } = await openConversation(prisma, { phoneNumber: PHONE });
    const operator = await prisma.operator.create({ data: { email: 'ana@loja.test', name: 'Ana', passwordHash: 'x', role: 'agent' } });
    await prisma.conversation.update({ where: { id: conversation.id }, data: { handledById: operator.id, handledSince: new Date() } });

    expect(await service.handle(text('tem garantia?'), logger)).toEqual([]);
    expect(openAi.requests).toHaveLength(0);

    const farewell = await service.handle(text('não quero mais receber mensagens'), logger);
    expect(farewell).toHaveLength(1);
    expect(await conversationRow(conversation.id)).toMatchObject({ status: 'closed', closedReason: 'opted_out' });
  });
});
