import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abandonmentBody, postSigned } from '../../../ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../../ingress/src/test-support/ingress-harness.js';
import { serializeLikeMeta } from '../../../../test/support/meta.js';
import { textMessage } from '../../../../test/support/meta-events.js';
import { waitFor } from '../../../../test/support/wait-for.js';
import { screenshot } from '../test-support/browser.js';
import { BrowserStack } from '../test-support/browser-stack.js';

const BUYER = '+5511976541234';
const browser = new BrowserStack();
let stack: BrowserStack['stack'];

const say = async (text: string) => {
  await postSigned(stack.app, '/webhook/messages', serializeLikeMeta(textMessage(BUYER, text).body), TEST_SECRETS.WHATSAPP_APP_SECRET);
  await stack.waitForQueuesIdle();
};
const sentTexts = () =>
  stack.graph
    .sent()
    .filter((body) => body.type === 'text')
    .map((body) => body.text.body as string);

beforeAll(async () => {
  await browser.start({ conversation: { maxExchanges: 1 } });
  stack = browser.stack;
}, 90_000);
afterAll(() => browser.stop());

/** Sara's exchange limit hands Ana Paula to the team: one template, one answer, the hand-off. */
async function buyerWaitingForTheTeam(): Promise<string> {
  const body = abandonmentBody({ name: 'Ana Paula', phone: BUYER, productId: 'prod_foto', value: 297 });
  const accepted = await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(body), TEST_SECRETS.PAYMENT_WEBHOOK_SECRET);
  await stack.waitForQueuesIdle();
  await say('oi, tô pensando ainda');
  await say('vou ver com meu marido');
  const conversationId = accepted.body.conversationId as string;
  expect(await stack.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
    status: 'active',
    needsHumanReason: 'exchange_limit',
  });
  return conversationId;
}

describe('operator console in a real browser', () => {
  it('an agent finds the conversation waiting for a human, takes over, replies once, sees the answer live, and hands back', async () => {
    const conversationId = await buyerWaitingForTheTeam();
    await browser.account('agent', 'ana.atendente@loja.test', 'Ana Atendente');
    const { context, page, errors } = await browser.page();
    // Everything the API gave this agent, to prove no full phone number was among it.
    const apiBodies: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/') && !response.url().endsWith('/api/events'))
        void response.text().then(
          (text) => apiBodies.push(text),
          () => {},
        );
    });

    await page.goto(browser.baseUrl);
    await screenshot(page, '1-login');
    await browser.logIn(page, 'ana.atendente@loja.test');
    const inbox = page.getByRole('list').filter({ has: page.getByRole('listitem') });
    const item = inbox.getByRole('listitem').filter({ hasText: 'Ana Paula' });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, '2-inbox');

    await item.getByRole('link').first().click();
    await page.getByRole('button', { name: 'Assumir conversa' }).click();
    await expect
      .poll(async () => (await stack.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).handledById, { timeout: 10_000 })
      .not.toBeNull();

    const before = sentTexts().length;
    await page.getByLabel('Mensagem').fill('Oi Ana Paula, aqui é a Ana da equipe. Posso ajudar com o pagamento?');
    await page.getByRole('button', { name: 'Enviar' }).click();
    await waitFor(() => sentTexts().length > before, 10_000, 'the operator message at the fake Graph API');
    await stack.waitForQueuesIdle();
    expect(sentTexts().slice(before)).toEqual(['Oi Ana Paula, aqui é a Ana da equipe. Posso ajudar com o pagamento?']);
    await screenshot(page, '3-conversation-taken-over');

    // The buyer answers: it appears without a reload, and Sara says nothing over the person.
    const sentBeforeAnswer = stack.graph.sent().length;
    await say('pode sim! o pix venceu, me manda outro?');
    await page.getByText('pode sim! o pix venceu, me manda outro?').waitFor({ timeout: 10_000 });
    expect(stack.graph.sent()).toHaveLength(sentBeforeAnswer);

    // Without the CSRF header the API refuses, even from the signed-in page (Chromium logs the
    // refused request itself, the one console line this test provokes on purpose).
    expect(errors).toEqual([]);
    const forged = await page.evaluate(async (id) => (await fetch(`/api/conversations/${id}/release`, { method: 'POST' })).status, conversationId);
    expect(forged).toBe(403);
    expect(errors.splice(0)).toEqual([expect.stringMatching(/status of 403/)]);

    await page.getByRole('button', { name: 'Devolver para a Sara' }).click();
    await expect
      .poll(async () => (await stack.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).handledById, { timeout: 10_000 })
      .toBeNull();
    await page.getByRole('button', { name: 'Assumir conversa' }).waitFor();
    await screenshot(page, '4-conversation-handed-back');

    const operatorMessages = await stack.prisma.message.findMany({ where: { conversationId, fromSender: 'operator' } });
    expect(operatorMessages).toHaveLength(1);
    expect(operatorMessages[0]!.status).toMatch(/sent|delivered|read/);
    expect(apiBodies.join('\n')).not.toContain('976541234');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers 401 to a page without a session', async () => {
    const { context, page } = await browser.page();
    await page.goto(browser.baseUrl);
    const status = await page.evaluate(async () => (await fetch('/api/conversations')).status);
    expect(status).toBe(401);
    await context.close();
  });
});
