import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abandonmentBody, postSigned } from '../../apps/ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { RecoveryStack } from '../support/recovery-stack.js';
import { graphTemplate } from '../support/graph-bodies.js';

const SECRET = TEST_SECRETS.PAYMENT_WEBHOOK_SECRET;
let stack: RecoveryStack;

beforeEach(async () => {
  stack = await new RecoveryStack().start();
});
afterEach(() => stack.stop());

describe('an abandonment id as long as the API accepts', () => {
  it('a 255-character id gets its template, and its payment the thanks', async () => {
    await stack.prisma.productOffer.create({
      data: { productId: 'prod_long', productName: 'Curso Longo', paymentLink: 'https://pay.example.com/p/long', discountPercent: '10.00' },
    });
    const abandonmentId = `abn_${'x'.repeat(251)}`;
    expect(abandonmentId).toHaveLength(255);
    const accepted = await postSigned(
      stack.app,
      '/webhook/abandonment',
      JSON.stringify(abandonmentBody({ abandonmentId, productId: 'prod_long', phone: '+5511987650001' })),
      SECRET,
    );
    expect(accepted.body).toMatchObject({ status: 'received' });
    await stack.waitForQueuesIdle();

    expect(stack.graph.requests).toHaveLength(1);
    expect(stack.graph.requests[0]?.body.template).toEqual(
      graphTemplate('sara_carrinho_abandonado', ['João', 'Curso Longo', 'https://pay.example.com/p/long']),
    );
    const template = await stack.prisma.message.findFirstOrThrow({ where: { conversationId: accepted.body.conversationId } });
    expect(template).toMatchObject({ intent: 'recovery_template', status: 'sent' });
    expect(template.idempotencyKey!.length).toBeLessThanOrEqual(255);

    // A redelivery of the same long id finds the first template instead of queueing a second.
    await postSigned(
      stack.app,
      '/webhook/abandonment',
      JSON.stringify(abandonmentBody({ abandonmentId, productId: 'prod_long', phone: '+5511987650001' })),
      SECRET,
    );
    await stack.waitForQueuesIdle();
    expect(stack.graph.requests).toHaveLength(1);

    const paid = await postSigned(
      stack.app,
      '/webhook/payment',
      JSON.stringify({ abandonmentId, paymentId: 'pay_long', status: 'paid', amount: 250, linkType: 'original' }),
      SECRET,
    );
    expect(paid.body).toMatchObject({ status: 'received', conversationId: accepted.body.conversationId });
    await stack.waitForQueuesIdle();
    expect(await stack.prisma.abandonment.findUniqueOrThrow({ where: { externalId: abandonmentId } })).toMatchObject({ status: 'converted' });
    expect(stack.graph.requests).toHaveLength(2);
  });

  it('an id short enough keeps the key it always had, so rows written before stay the dedupe', async () => {
    const abandonmentId = `abn_${'y'.repeat(230)}`;
    const accepted = await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(abandonmentBody({ abandonmentId, phone: '+5511987650002' })), SECRET);
    await stack.waitForQueuesIdle();
    const template = await stack.prisma.message.findFirstOrThrow({ where: { conversationId: accepted.body.conversationId } });
    expect(template.idempotencyKey).toBe(`abandonment-template:${abandonmentId}`);
  });
});
