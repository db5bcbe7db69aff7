import { afterEach, describe, expect, it } from 'vitest';
import { abandonmentBody, postSigned } from '../../apps/ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { serializeLikeMeta } from '../support/meta.js';
import { RecoveryStack } from '../support/recovery-stack.js';

const BUYER = '+5511987650003';
let stack: RecoveryStack;
afterEach(() => stack?.stop());

/** A buyer's text written from Meta's documented format, with the entry's `id` as the test says. */
function buyerText(entryId: { id?: unknown }, wamid: string) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        ...entryId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550001111', phone_number_id: '106540352242922' },
              contacts: [{ profile: { name: 'Ana' }, wa_id: BUYER.slice(1) }],
              messages: [
                { from: BUYER.slice(1), id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'Ainda dá tempo?' } },
              ],
            },
          },
        ],
      },
    ],
  };
}

describe('a Meta body whose entry id is not a string', () => {
  it.each([
    ['numeric', { id: 102290129340398 }],
    ['missing', {}],
    ['null', { id: null }],
  ])('an entry id %s still gets the buyer message processed', async (_name, entryId) => {
    stack = await new RecoveryStack().start();
    const accepted = await postSigned(
      stack.app,
      '/webhook/abandonment',
      JSON.stringify(abandonmentBody({ phone: BUYER })),
      TEST_SECRETS.PAYMENT_WEBHOOK_SECRET,
    );
    await stack.waitForQueuesIdle();

    const response = await postSigned(
      stack.app,
      '/webhook/messages',
      serializeLikeMeta(buyerText(entryId, 'wamid.ENTRYID1')),
      TEST_SECRETS.WHATSAPP_APP_SECRET,
    );
    expect(response.status).toBe(200);
    await stack.waitForQueuesIdle();

    const inbound = await stack.prisma.message.findFirst({ where: { conversationId: accepted.body.conversationId, fromSender: 'user' } });
    expect(inbound).toMatchObject({ messageText: 'Ainda dá tempo?', whatsappMessageId: 'wamid.ENTRYID1' });
    const logged = await stack.prisma.webhookLog.findFirstOrThrow({ where: { webhookType: 'whatsapp_message' } });
    expect(logged).toMatchObject({ processed: true });
  });
});
