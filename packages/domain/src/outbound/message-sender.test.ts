import { createLogger } from '@sara/observability';
import { GraphWhatsAppClient } from '@sara/whatsapp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openConversation } from '../../../../test/support/conversation-fixture.js';
import { createTestPrisma, truncateAll } from '../../../../test/support/database.js';
import { FakeGraphServer } from '../../../whatsapp/src/test-support/fake-graph-server.js';
import { queueOutboundMessage, type OutboundContent } from './message-outbox.js';
import { MessageSender, OPT_OUT_FAREWELL_INTENT } from './message-sender.js';

const prisma = createTestPrisma();
const logger = createLogger({ service: 'test', level: 'silent' });
const graph = new FakeGraphServer({ accessToken: 'graph-token' });
let sender: MessageSender;

const TEMPLATE: OutboundContent = { kind: 'template', name: 'abandono', language: 'pt_BR', bodyParameters: ['Carla', 'Curso'] };
const TEXT: OutboundContent = { kind: 'text', text: 'Oi Carla! Ainda posso te ajudar?' };
/** What the outbound worker passes on a job's first try out of BullMQ's five. */
const FIRST_TRY = { number: 1, max: 5, logger };
const LAST_TRY = { number: 5, max: 5, logger };

beforeAll(async () => {
  await graph.start();
  sender = new MessageSender(prisma, new GraphWhatsAppClient({ apiUrl: graph.url, phoneNumberId: '1234567890', accessToken: 'graph-token' }));
});
beforeEach(async () => {
  await truncateAll(prisma);
  graph.reset();
});
afterAll(async () => {
  await graph.stop();
  await prisma.$disconnect();
});

/** One queued row in a fresh conversation, written the way every producer writes it. */
async function queued(content: OutboundContent, setup: Parameters<typeof openConversation>[1] & { intent?: string } = {}) {
  const { conversation } = await openConversation(prisma, setup);
  const message = await queueOutboundMessage(prisma, {
    conversationId: conversation.id,
    idempotencyKey: `test:${conversation.id}`,
    content,
    intent: setup.intent,
  });
  return { messageId: message.id, conversationId: conversation.id };
}

const row = (id: string) => prisma.message.findUniqueOrThrow({ where: { id } });

describe('MessageSender', () => {
  it('sends a template to a buyer who never wrote, records its wamid and counts it on the conversation', async () => {
    const { messageId, conversationId } = await queued(TEMPLATE);

    expect(await sender.deliver(messageId, FIRST_TRY)).toBe('sent');

    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]?.body).toMatchObject({ to: '5511987652222', type: 'template', template: { name: 'abandono', language: { code: 'pt_BR' } } });
    const stored = await row(messageId);
    expect(stored.status).toBe('sent');
    expect(stored.whatsappMessageId).toMatch(/^wamid\./);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).messageCount).toBe(1);
  });

  it('sends free text within 24 h of the buyer’s last message', async () => {
    const { messageId } = await queued(TEXT, { lastUserMessageHoursAgo: 23 });
    expect(await sender.deliver(messageId, FIRST_TRY)).toBe('sent');
    expect(graph.sent()).toEqual([expect.objectContaining({ type: 'text', text: expect.objectContaining({ body: TEXT.text }) })]);
  });

  it.each([
    ['25 h after the buyer’s last message', 25],
    ['to a buyer who never wrote', undefined],
  ])('refuses free text %s, without calling Graph', async (_case, hoursAgo) => {
    const { messageId } = await queued(TEXT, { lastUserMessageHoursAgo: hoursAgo });

    expect(await sender.deliver(messageId, FIRST_TRY)).toBe('blocked');

    expect(graph.requests).toHaveLength(0);
    const stored = await row(messageId);
    expect(stored).toMatchObject({ status: 'blocked', whatsappMessageId: null });
    expect(stored.metadata).toMatchObject({ blockedReason: 'outside_24h_window' });
  });

  it('never messages a buyer who opted out: the row stays as the record', async () => {
    const { messageId } = await queued(TEMPLATE, { optedOut: true });
    expect(await sender.deliver(messageId, FIRST_TRY)).toBe('blocked');
    expect(graph.requests).toHaveLength(0);
    expect((await row(messageId)).metadata).toMatchObject({ blockedReason: 'opted_out' });
  });

  it('lets the opt-out farewell through to the buyer who just opted out', async () => {
    const { messageId } = await queued(TEXT, { optedOut: true, lastUserMessageHoursAgo: 0, intent: OPT_OUT_FAREWELL_INTENT });
    expect(await sender.deliver(messageId, FIRST_TRY)).toBe('sent');
    expect(graph.sent()).toHaveLength(1);
  });

  it('holds a pitch back once the conversation closed, but not the message that closed it', async () => {
    const pitch = await queued(TEXT, { status: 'closed', lastUserMessageHoursAgo: 1, intent: 'question' });
    const thanks = await queued(TEXT, { phoneNumber: '+5511987653333', status: 'closed', lastUserMessageHoursAgo: 1, intent: 'payment_thanks' });

    expect(await sender.deliver(pitch.messageId, FIRST_TRY)).toBe('blocked');
    expect((await row(pitch.messageId)).metadata).toMatchObject({ blockedReason: 'conversation_closed' });
    expect(await sender.deliver(thanks.messageId, FIRST_TRY)).toBe('sent');
    expect(graph.sent().map((body) => body.to)).toEqual(['5511987653333']);
  });

  it('while an operator has the conversation, holds Sara back and lets the operator through', async () => {
    const { conversation } = await openConversation(prisma, { status: 'active', lastUserMessageHoursAgo: 1 });
    const operator = await prisma.operator.create({ data: { email: 'ana@loja.test', name: 'Ana', passwordHash: 'x', role: 'agent' } });
    await prisma.conversation.update({ where: { id: conversation.id }, data: { handledById: operator.id } });
    const pitch = await queueOutboundMessage(prisma, { conversationId: conversation.id, idempotencyKey: 'sara-pitch', content: TEXT, intent: 'question' });
    const typed = await queueOutboundMessage(prisma, {
      conversationId: conversation.id,
      idempotencyKey: 'operator-typed',
      content: { kind: 'text', text: 'Oi, aqui é a Ana.' },
      operatorId: operator.id,
    });

    expect(await sender.deliver(pitch.id, FIRST_TRY)).toBe('blocked');
    expect((await row(pitch.id)).metadata).toMatchObject({ blockedReason: 'operator_in_charge' });
    expect(await sender.deliver(typed.id, FIRST_TRY)).toBe('sent');
    expect(await row(typed.id)).toMatchObject({ fromSender: 'operator', operatorId: operator.id, status: 'sent' });
    expect(graph.sent().map((body) => body.text?.body)).toEqual(['Oi, aqui é a Ana.']);
  });
});

describe('MessageSender on retries', () => {
  it('sends a message once when its job runs twice', async () => {
    const { messageId } = await queued(TEMPLATE);
    expect(await sender.deliver(messageId, FIRST_TRY)).toBe('sent');
    const wamid = (await row(messageId)).whatsappMessageId;

    expect(await sender.deliver(messageId, { ...FIRST_TRY, number: 2 })).toBe('skipped');
    expect(graph.requests).toHaveLength(1);
    expect((await row(messageId)).whatsappMessageId).toBe(wamid);
  });

  it('after a Graph 5xx, releases the row for the retry, which sends it once', async () => {
    const { messageId } = await queued(TEMPLATE);
    graph.failNext(1, { status: 500, code: 131000, message: 'Something went wrong' });

    // Thrown, so BullMQ retries with backoff.
    await expect(sender.deliver(messageId, FIRST_TRY)).rejects.toThrow();
    expect(await row(messageId)).toMatchObject({ status: 'queued', errorCode: 131000, whatsappMessageId: null });

    expect(await sender.deliver(messageId, { ...FIRST_TRY, number: 2 })).toBe('sent');
    expect(graph.requests).toHaveLength(2);
    expect(graph.sent()).toHaveLength(1);
  });

  it('fails the message when the last attempt meets a transient error too', async () => {
    const { messageId } = await queued(TEMPLATE);
    graph.failNext(1, { status: 503, code: 131016 });
    expect(await sender.deliver(messageId, LAST_TRY)).toBe('failed');
    expect(await row(messageId)).toMatchObject({ status: 'failed', errorCode: 131016 });
  });

  it.each([
    ['undeliverable', 131026],
    ['outside the window, by Meta’s clock', 131047],
    ['an expired token', 190],
  ])('fails the message for good on a permanent Graph error (%s), keeping the code, without a retry', async (_case, code) => {
    const { messageId } = await queued(TEMPLATE);
    graph.failNext(1, { status: 400, code });

    expect(await sender.deliver(messageId, FIRST_TRY)).toBe('failed');

    expect(await row(messageId)).toMatchObject({ status: 'failed', errorCode: code, whatsappMessageId: null });
    expect(graph.requests).toHaveLength(1);
  });

  it('does not send again a message whose previous attempt died mid-send: its status becomes unknown', async () => {
    const { messageId } = await queued(TEMPLATE);
    // What a crash between the Graph call and the UPDATE leaves behind.
    await prisma.message.update({ where: { id: messageId }, data: { status: 'sending' } });

    expect(await sender.deliver(messageId, { ...FIRST_TRY, number: 2 })).toBe('unknown');

    expect(graph.requests).toHaveLength(0);
    expect((await row(messageId)).status).toBe('unknown');
  });
});
