import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { abandonmentBody, postSigned } from '../../apps/ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { serializeLikeMeta } from '../support/meta.js';
import { textMessage } from '../support/meta-events.js';
import { PHOTO_COURSE_OFFER as OFFER } from '../support/offers.js';
import { RecoveryStack } from '../support/recovery-stack.js';

const BUYER = '+5511976540000';
const ADMIN = `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`;

let stack: RecoveryStack;
afterEach(() => stack?.stop());

async function openRecovery(productId = 'prod_foto') {
  stack = await new RecoveryStack().start();
  const saved = await request(stack.app).put(`/admin/offers/${productId}`).set('Authorization', ADMIN).send(OFFER);
  expect(saved.status).toBe(200);
  const body = abandonmentBody({ name: 'Ana Paula', phone: BUYER, productId, value: 297 });
  const accepted = await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(body), TEST_SECRETS.PAYMENT_WEBHOOK_SECRET);
  await stack.waitForQueuesIdle();
  return accepted.body.conversationId as string;
}

async function say(text: string): Promise<string> {
  await postSigned(stack.app, '/webhook/messages', serializeLikeMeta(textMessage(BUYER, text).body), TEST_SECRETS.WHATSAPP_APP_SECRET);
  await stack.waitForQueuesIdle();
  return stack.graph
    .sent()
    .filter((body) => body.type === 'text')
    .at(-1)?.text.body as string;
}

const transcript = (id: string) => request(stack.app).get(`/conversations/${id}`).set('Authorization', ADMIN);

describe('answers grounded in the offer’s FAQ (offline brain, end to end)', () => {
  it('answers a doubt written without accents with the shop’s own answer, then the link', async () => {
    const conversationId = await openRecovery();
    const reply = await say('o acesso e vitalicio?');
    expect(reply).toContain('Sim, o acesso é vitalício: as aulas ficam liberadas para sempre.');
    expect(reply).toContain('https://pay.example.com/foto');
    expect((await transcript(conversationId)).body.needsHuman).toBeNull();
  });

  it('keeps the prices the FAQ states instead of stripping them', async () => {
    await openRecovery();
    expect(await say('da pra dividir no cartao?')).toContain('em até 12x de R$ 29,70 no cartão');
  });

  it('promises the team for a question the FAQ does not answer, flags the conversation, keeps it open and leaves it to the team', async () => {
    const conversationId = await openRecovery();
    const reply = await say('as aulas tem legenda em espanhol?');
    expect(reply).toMatch(/equipe/);
    expect(reply).toContain('https://pay.example.com/foto');
    const flagged = (await transcript(conversationId)).body;
    expect(flagged.needsHuman).toEqual({ reason: 'unknown_question', since: expect.any(String) });
    expect(flagged.status).toBe('active');

    // The team has it now: the next message is recorded, Sara does not talk over the person.
    const sent = stack.graph.sent().length;
    await say('e tem garantia?');
    const after = (await transcript(conversationId)).body;
    expect(after.messages.at(-1)).toMatchObject({ from: 'user', text: 'e tem garantia?' });
    expect(stack.graph.sent()).toHaveLength(sent);
    expect(after.needsHuman).toEqual(flagged.needsHuman);
    expect(after.status).toBe('active');
  });

  it('uses an edit of the FAQ at the very next message', async () => {
    await openRecovery();
    expect(await say('tem garantia?')).toContain('Tem 7 dias de garantia');
    const edited = { ...OFFER, faq: [{ question: 'Tem garantia?', answer: 'Agora são 15 dias de garantia.' }] };
    expect((await request(stack.app).put('/admin/offers/prod_foto').set('Authorization', ADMIN).send(edited)).status).toBe(200);
    expect(await say('tem garantia mesmo?')).toContain('Agora são 15 dias de garantia.');
  });

  it('never answers from another product’s FAQ', async () => {
    stack = await new RecoveryStack().start();
    await request(stack.app).put('/admin/offers/other').set('Authorization', ADMIN).send(OFFER);
    await request(stack.app)
      .put('/admin/offers/prod_sem_faq')
      .set('Authorization', ADMIN)
      .send({ ...OFFER, faq: [] });
    const body = abandonmentBody({ name: 'Ana Paula', phone: BUYER, productId: 'prod_sem_faq', value: 297 });
    await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(body), TEST_SECRETS.PAYMENT_WEBHOOK_SECRET);
    await stack.waitForQueuesIdle();
    const reply = await say('o acesso é vitalício?');
    expect(reply).not.toContain('liberadas para sempre');
    expect(reply).toMatch(/equipe/);
  });
});
