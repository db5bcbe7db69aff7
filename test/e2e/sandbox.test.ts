import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { abandonmentBody, postSigned } from '../../apps/ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { RecoveryStack } from '../support/recovery-stack.js';

let stack: RecoveryStack;
beforeEach(async () => {
  stack = await new RecoveryStack().start({ transport: 'sandbox' });
});
afterEach(() => stack.stop());

describe('sandbox transport (no Meta account)', () => {
  it('accepts the template, records it as sent and shows it to the admin on GET /sandbox/messages', async () => {
    const event = abandonmentBody({ name: 'Maria Souza', phone: '+5521988887777' });
    const accepted = await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), TEST_SECRETS.PAYMENT_WEBHOOK_SECRET);
    await stack.waitForQueuesIdle();

    expect(stack.graph.requests).toHaveLength(0);
    const message = await stack.prisma.message.findFirstOrThrow({ where: { conversationId: accepted.body.conversationId } });
    expect(message.status).toBe('sent');
    expect(message.whatsappMessageId).toMatch(/^wamid\.SANDBOX\./);

    const listed = await request(stack.app).get('/sandbox/messages').set('Authorization', `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`);
    expect(listed.status).toBe(200);
    expect(listed.body.pagination).toEqual({ limit: 50, offset: 0, total: 1 });
    expect(listed.body.messages[0]).toMatchObject({
      wamid: message.whatsappMessageId,
      to: '+5521988887777',
      graphBody: { type: 'template', to: '5521988887777', template: { name: 'sara_carrinho_abandonado' } },
    });
  });

  it('is admin only', async () => {
    const response = await request(stack.app).get('/sandbox/messages');
    expect(response.status).toBe(401);
  });
});
