import { afterEach, describe, expect, it } from 'vitest';
import { abandonmentBody, postSigned } from '../../apps/ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { hasFixtures, serializeLikeMeta } from '../support/meta.js';
import { fixtureMessage, fixturePreference, fixtureStatus, textMessage } from '../support/meta-events.js';
import { RecoveryStack } from '../support/recovery-stack.js';

// The fixtures' sender (+972987654321) is not a number any numbering plan has; the abandonment
// webhook now refuses it as the platforms' phones are, so the buyer is a real Brazilian mobile.
const BUYER = '+5511987650009';
let stack: RecoveryStack;
afterEach(() => stack?.stop());

async function openRecovery(options: Parameters<RecoveryStack['start']>[0] = {}, event: Record<string, unknown> = {}) {
  stack = await new RecoveryStack().start(options);
  await stack.prisma.productOffer.create({
    data: {
      productId: 'prod_conv',
      productName: 'Curso de Fotografia',
      paymentLink: 'https://pay.example.com/foto',
      discountLink: 'https://pay.example.com/foto?cupom=10',
      discountPercent: '10.00',
    },
  });
  const body = abandonmentBody({ name: 'Ana Paula', phone: BUYER, productId: 'prod_conv', value: 297, ...event });
  const accepted = await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(body), TEST_SECRETS.PAYMENT_WEBHOOK_SECRET);
  await stack.waitForQueuesIdle();
  return { conversationId: accepted.body.conversationId as string, abandonmentId: body.abandonmentId as string };
}

async function say(body: Record<string, unknown>) {
  const response = await postSigned(stack.app, '/webhook/messages', serializeLikeMeta(body), TEST_SECRETS.WHATSAPP_APP_SECRET);
  expect(response.status).toBe(200);
  await stack.waitForQueuesIdle();
}

const sentTexts = () =>
  stack.graph
    .sent()
    .filter((body) => body.type === 'text')
    .map((body) => body.text.body as string);

describe.skipIf(!hasFixtures)('buyer messages end to end (ingress → queue → worker → Graph API)', () => {
  it('records the reply, activates the conversation and answers with the payment link injected by code', async () => {
    const { conversationId } = await openRecovery();
    await say(textMessage(BUYER, 'Oi! Esqueci de finalizar, ainda dá tempo?').body);

    const conversation = await stack.prisma.conversation.findUniqueOrThrow({
      where: { id: conversationId },
      include: { messages: { orderBy: { createdAt: 'asc' } } },
    });
    expect(conversation.status).toBe('active');
    expect(conversation.messageCount).toBe(3);
    expect(conversation.lastUserMessageAt).toBeInstanceOf(Date);
    expect(conversation.messages.map((message) => [message.fromSender, message.messageType])).toEqual([
      ['sara', 'template'],
      ['user', 'text'],
      ['sara', 'text'],
    ]);
    const [reply] = sentTexts();
    expect(reply).toContain('https://pay.example.com/foto');
    expect(stack.graph.sent().at(-1)).toMatchObject({ to: '5511987650009', type: 'text' });
    expect(conversation.messages[2]).toMatchObject({ status: 'sent', intent: expect.any(String) });
  });

  it.each([
    ['a template quick reply', 'callback_button.json', 'quick_reply'],
    ['an interactive button reply', 'callback_button.json', 'button'],
    ['a list reply', 'callback_selection.json', 'callback'],
  ])('reads %s as what the buyer said', async (_name, file, fixture) => {
    const { conversationId } = await openRecovery();
    await say(fixtureMessage(file, fixture, { phone: BUYER }).body);
    const inbound = await stack.prisma.message.findFirstOrThrow({ where: { conversationId, fromSender: 'user' } });
    expect(inbound.messageText).toBe('title');
    expect(sentTexts()).toHaveLength(1);
  });

  it('asks once for text after media, and stays silent on reactions', async () => {
    await openRecovery();
    await say(fixtureMessage('message.json', 'image', { phone: BUYER }).body);
    await say(fixtureMessage('message.json', 'voice', { phone: BUYER }).body);
    await say(fixtureMessage('message.json', 'reaction', { phone: BUYER }).body);
    expect(sentTexts()).toHaveLength(1);
    expect(sentTexts()[0]).toMatch(/só consigo ler mensagens de texto/);
    expect(await stack.prisma.message.count({ where: { fromSender: 'user' } })).toBe(3);
  });

  it('handles each message of a body holding several', async () => {
    const { conversationId } = await openRecovery();
    const first = textMessage(BUYER, 'Oi').body;
    const second = textMessage(BUYER, 'Qual o prazo de acesso ao curso?').body;
    first.entry[0].changes[0].value.messages.push(second.entry[0].changes[0].value.messages[0]);
    await say(first);
    expect(await stack.prisma.message.count({ where: { conversationId, fromSender: 'user' } })).toBe(2);
    expect(sentTexts()).toHaveLength(2);
  });

  it('finds a Brazilian buyer whose WhatsApp id lacks the ninth digit', async () => {
    const { conversationId } = await openRecovery({}, { phone: '+5511987654321' });
    await say(textMessage('+551187654321', 'quero parar de receber mensagens').body);
    expect(await stack.prisma.message.count({ where: { conversationId, fromSender: 'user' } })).toBe(1);
    expect((await stack.prisma.user.findUniqueOrThrow({ where: { phoneNumber: '+5511987654321' } })).optedOut).toBe(true);
  });

  it('records nothing and answers nothing for a number Sara never contacted', async () => {
    await openRecovery();
    await say(textMessage('+5511955554444', 'quem é?').body);
    expect(await stack.prisma.message.count({ where: { fromSender: 'user' } })).toBe(0);
    expect(sentTexts()).toHaveLength(0);
  });

  it('does not answer a message older than 24 h (Meta redelivers for days): free text would break the rule', async () => {
    await openRecovery();
    await say(textMessage(BUYER, 'ainda tem?', new Date(Date.now() - 25 * 3_600_000)).body);
    expect(await stack.prisma.message.count({ where: { fromSender: 'user' } })).toBe(1);
    expect(sentTexts()).toHaveLength(0);
  });

  it('hands the conversation to a human after the exchange limit, then stays silent', async () => {
    const { conversationId } = await openRecovery({ conversation: { maxExchanges: 2 } });
    for (const text of ['oi', 'tô pensando ainda', 'vou ver com meu marido', 'alô?']) await say(textMessage(BUYER, text).body);
    const texts = sentTexts();
    expect(texts).toHaveLength(3);
    expect(texts[2]).toMatch(/alguém da nossa equipe/);
    // Open for the team, not closed: a person picks it up in the console.
    expect(await stack.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
      status: 'active',
      closedReason: null,
      needsHumanReason: 'exchange_limit',
    });
  });
});

describe.skipIf(!hasFixtures)('opt-out', () => {
  it('opts out on a keyword: one farewell, everything closed, never another message', async () => {
    const { conversationId, abandonmentId } = await openRecovery();
    await say(textMessage(BUYER, 'Para de me mandar mensagem!!').body);

    const user = await stack.prisma.user.findUniqueOrThrow({ where: { phoneNumber: BUYER } });
    expect(user).toMatchObject({ optedOut: true, optedOutReason: expect.stringMatching(/^keyword:/) });
    expect(user.optedOutAt).toBeInstanceOf(Date);
    expect(await stack.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: 'closed', closedReason: 'opted_out' });
    expect((await stack.prisma.abandonment.findUniqueOrThrow({ where: { externalId: abandonmentId } })).status).toBe('declined');
    expect(sentTexts()).toHaveLength(1);
    expect(sentTexts()[0]).toMatch(/não vai mais receber mensagens/);

    await say(textMessage(BUYER, 'oi, mudei de ideia, quanto custa?').body);
    await say(textMessage(BUYER, 'pare').body);
    expect(sentTexts()).toHaveLength(1);
    expect(await stack.prisma.message.count({ where: { conversationId, fromSender: 'user' } })).toBe(3);
  });

  it('does not opt out on a hard negative ("vou sair às 19h")', async () => {
    await openRecovery();
    await say(textMessage(BUYER, 'vou sair às 19h, te respondo depois').body);
    expect((await stack.prisma.user.findUniqueOrThrow({ where: { phoneNumber: BUYER } })).optedOut).toBe(false);
  });

  it('treats a WhatsApp marketing stop as an opt-out without a farewell, and resume undoes only that', async () => {
    await openRecovery();
    await say(fixturePreference('stop', BUYER));
    expect(await stack.prisma.user.findUniqueOrThrow({ where: { phoneNumber: BUYER } })).toMatchObject({
      optedOut: true,
      optedOutReason: 'whatsapp_marketing_stop',
    });
    expect(sentTexts()).toHaveLength(0);
    await say(fixturePreference('resume', BUYER));
    expect((await stack.prisma.user.findUniqueOrThrow({ where: { phoneNumber: BUYER } })).optedOut).toBe(false);
  });
});

describe.skipIf(!hasFixtures)('delivery statuses', () => {
  it('moves the outbound row forward, never backwards, and keeps the failure code', async () => {
    const { conversationId } = await openRecovery();
    const template = await stack.prisma.message.findFirstOrThrow({ where: { conversationId, messageType: 'template' } });
    const wamid = template.whatsappMessageId as string;
    await say(fixtureStatus('read', wamid, BUYER));
    await say(fixtureStatus('delivered', wamid, BUYER));
    expect((await stack.prisma.message.findUniqueOrThrow({ where: { id: template.id } })).status).toBe('read');
    await say(fixtureStatus('failed', wamid, BUYER));
    expect(await stack.prisma.message.findUniqueOrThrow({ where: { id: template.id } })).toMatchObject({ status: 'failed', errorCode: 130472 });
  });
});
