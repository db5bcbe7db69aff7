import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abandonmentBody, postSigned } from '../../apps/ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { GRAPH_TOKEN, PHONE_NUMBER_ID, RecoveryStack } from '../support/recovery-stack.js';
import { graphTemplate, graphTemplateMessage } from '../support/graph-bodies.js';
import { waitFor } from '../support/wait-for.js';
import { QUEUES } from '@sara/jobs';

const SECRET = TEST_SECRETS.PAYMENT_WEBHOOK_SECRET;
let stack: RecoveryStack;

beforeEach(async () => {
  stack = await new RecoveryStack().start();
});
afterEach(() => stack.stop());

const payment = (abandonmentId: string, overrides: Record<string, unknown> = {}) => ({
  abandonmentId,
  paymentId: `pay_${abandonmentId}`,
  status: 'paid',
  amount: 250,
  linkType: 'original',
  ...overrides,
});

describe('abandonment → template → payment → converted + thanks', () => {
  it('sends the exact template, then converts the sale and thanks the buyer with the thanks template', async () => {
    await stack.prisma.productOffer.create({
      data: { productId: 'prod_456', productName: 'Curso de Confeitaria', paymentLink: 'https://pay.example.com/p/456', discountPercent: '10.00' },
    });
    const event = abandonmentBody({ name: 'João Silva', phone: '+5511987654321', productId: 'prod_456', value: 250 });
    const accepted = await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET);
    await stack.waitForQueuesIdle();

    expect(stack.graph.requests).toHaveLength(1);
    expect(stack.graph.requests[0]).toMatchObject({ method: 'POST', path: `/v23.0/${PHONE_NUMBER_ID}/messages`, authorization: `Bearer ${GRAPH_TOKEN}` });
    expect(stack.graph.requests[0]?.body).toEqual(
      graphTemplateMessage('5511987654321', graphTemplate('sara_carrinho_abandonado', ['João', 'Curso de Confeitaria', 'https://pay.example.com/p/456'])),
    );

    const conversation = await stack.prisma.conversation.findUniqueOrThrow({
      where: { id: accepted.body.conversationId },
      include: { messages: true, abandonment: true, user: true },
    });
    expect(conversation).toMatchObject({ status: 'awaiting_response', messageCount: 1 });
    expect(conversation.user).toMatchObject({ phoneNumber: '+5511987654321', name: 'João Silva' });
    expect(conversation.abandonment).toMatchObject({ externalId: event.abandonmentId, status: 'initiated', conversationId: conversation.id });
    expect(conversation.messages).toHaveLength(1);
    expect(conversation.messages[0]).toMatchObject({ fromSender: 'sara', messageType: 'template', status: 'sent' });
    expect(conversation.messages[0]?.whatsappMessageId).toMatch(/^wamid\./);

    const paid = await postSigned(stack.app, '/webhook/payment', JSON.stringify(payment(event.abandonmentId as string)), SECRET);
    expect(paid.body).toMatchObject({ status: 'received', conversationId: conversation.id });
    await stack.waitForQueuesIdle();

    const converted = await stack.prisma.abandonment.findUniqueOrThrow({
      where: { externalId: event.abandonmentId as string },
      include: { conversation: true },
    });
    expect(converted).toMatchObject({ status: 'converted', paymentId: `pay_${event.abandonmentId}`, conversionLink: 'original' });
    expect(converted.convertedAt).toBeInstanceOf(Date);
    expect(converted.conversation).toMatchObject({ status: 'closed', closedReason: 'converted' });
    expect(stack.graph.requests).toHaveLength(2);
    expect(stack.graph.requests[1]?.body.template).toEqual(graphTemplate('sara_pagamento_confirmado', ['João', 'Curso de Confeitaria']));
  });

  it('thanks with free text when the buyer wrote within 24 h, and recognises the discounted price', async () => {
    await stack.prisma.productOffer.create({
      data: {
        productId: 'prod_d',
        productName: 'Mentoria',
        paymentLink: 'https://pay.example.com/p/d',
        discountLink: 'https://pay.example.com/p/d?c=10',
        discountPercent: '10.00',
      },
    });
    const event = abandonmentBody({ productId: 'prod_d', value: 199.9 });
    const accepted = await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET);
    await stack.waitForQueuesIdle();
    await stack.prisma.conversation.update({ where: { id: accepted.body.conversationId }, data: { lastUserMessageAt: new Date(), status: 'active' } });

    await postSigned(stack.app, '/webhook/payment', JSON.stringify(payment(event.abandonmentId as string, { amount: 179.91, linkType: 'discounted' })), SECRET);
    await stack.waitForQueuesIdle();

    expect((await stack.prisma.abandonment.findUniqueOrThrow({ where: { externalId: event.abandonmentId as string } })).conversionLink).toBe('discounted');
    const thanks = stack.graph.requests[1]?.body;
    expect(thanks).toMatchObject({ type: 'text', to: '5511999999999' });
    expect(thanks.text.body).toMatch(/^Pagamento confirmado, João!/);
  });

  it('uses the event payment link, without discount, for a product with no offer', async () => {
    const event = abandonmentBody({ productId: 'unknown_product', paymentLink: 'https://shop.example.com/cart/xyz' });
    await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET);
    await stack.waitForQueuesIdle();
    const parameters = stack.graph.requests[0]?.body.template.components[0].parameters;
    expect(parameters).toEqual([
      { type: 'text', text: 'João' },
      { type: 'text', text: 'unknown_product' },
      { type: 'text', text: 'https://shop.example.com/cart/xyz' },
    ]);
  });
});

describe('payment events that cannot be applied as they are', () => {
  it('keeps a payment whose amount matches neither price for review, with the reason on its log row', async () => {
    const event = abandonmentBody({ value: 250 });
    await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET);
    await stack.waitForQueuesIdle();
    await postSigned(stack.app, '/webhook/payment', JSON.stringify(payment(event.abandonmentId as string, { amount: 25 })), SECRET);
    await waitFor(async () => (await stack.prisma.webhookLog.findFirstOrThrow({ where: { webhookType: 'payment' } })).errorMessage !== null);

    const row = await stack.prisma.webhookLog.findFirstOrThrow({ where: { webhookType: 'payment' } });
    expect(row.processed).toBe(false);
    expect(row.errorMessage).toMatch(/^needs review: amount 25\.00 matches neither/);
    expect((await stack.prisma.abandonment.findUniqueOrThrow({ where: { externalId: event.abandonmentId as string } })).status).toBe('initiated');
    expect(stack.graph.requests).toHaveLength(1);
  });

  it('recovers an abandonment whose ISO 8601 timestamp JavaScript cannot read (week date)', async () => {
    const event = abandonmentBody({ timestamp: '2026-W10-1' });
    expect((await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET)).status).toBe(200);
    await stack.waitForQueuesIdle();
    expect(stack.graph.requests).toHaveLength(1);
    expect((await stack.prisma.webhookLog.findFirstOrThrow()).processed).toBe(true);
  });

  it('ignores a status other than paid, and marks the event processed', async () => {
    const event = abandonmentBody();
    await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET);
    await postSigned(stack.app, '/webhook/payment', JSON.stringify(payment(event.abandonmentId as string, { status: 'refused' })), SECRET);
    await stack.waitForQueuesIdle();
    expect((await stack.prisma.webhookLog.findFirstOrThrow({ where: { webhookType: 'payment' } })).processed).toBe(true);
    expect((await stack.prisma.abandonment.findUniqueOrThrow({ where: { externalId: event.abandonmentId as string } })).status).toBe('initiated');
  });

  it('retries a payment that arrives before its abandonment, and converts once the abandonment is in', async () => {
    const event = abandonmentBody({ value: 100 });
    await postSigned(stack.app, '/webhook/payment', JSON.stringify(payment(event.abandonmentId as string, { amount: 100 })), SECRET);
    const row = await stack.prisma.webhookLog.findFirstOrThrow({ where: { webhookType: 'payment' } });
    await waitFor(async () => ((await stack.job(QUEUES.payment, row.id))?.attemptsMade ?? 0) >= 1);
    expect((await stack.prisma.webhookLog.findUniqueOrThrow({ where: { id: row.id } })).processed).toBe(false);
    await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET);
    await waitFor(
      async () => (await stack.prisma.abandonment.findUnique({ where: { externalId: event.abandonmentId as string } }))?.status === 'converted',
      20_000,
    );
    await stack.waitForQueuesIdle();
    // The buyer already paid: no recovery pitch, only the thanks.
    expect(stack.graph.requests.map((request) => request.body.template.name)).toEqual(['sara_pagamento_confirmado']);
  });
});
