import request from 'supertest';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openConversation } from '../../../../test/support/conversation-fixture.js';
import { ConsoleHarness, type SignedIn } from '../test-support/console-harness.js';

const harness = new ConsoleHarness();
afterAll(() => harness.close());
beforeEach(() => harness.reset());

const BUYER = '+5511987654321';

/** A buyer who wrote an hour ago, handed to the team by Sara's exchange limit. */
async function waitingForTheTeam(options: Parameters<typeof openConversation>[1] = {}) {
  const fixture = await openConversation(harness.prisma, { phoneNumber: BUYER, name: 'Carla Souza', status: 'active', lastUserMessageHoursAgo: 1, ...options });
  await harness.prisma.conversation.update({ where: { id: fixture.conversation.id }, data: { needsHumanReason: 'exchange_limit', needsHumanAt: new Date() } });
  await harness.prisma.message.create({ data: { conversationId: fixture.conversation.id, fromSender: 'user', messageText: 'alguém aí?', status: 'received' } });
  return fixture;
}

const post = (who: SignedIn, path: string, body: object = {}) => who.agent.post(path).set('X-CSRF-Token', who.csrfToken).send(body);

describe('the inbox', () => {
  it('needs a session (401) and lists conversations waiting for a human first', async () => {
    expect((await request(harness.app).get('/api/conversations')).status).toBe(401);
    const quiet = await openConversation(harness.prisma, { phoneNumber: '+5511911112222', name: 'Bruno Lima', status: 'active', lastUserMessageHoursAgo: 0.1 });
    const closed = await openConversation(harness.prisma, { phoneNumber: '+5511933334444', name: 'Dora Reis', status: 'closed' });
    const waiting = await waitingForTheTeam();
    const admin = await harness.signIn('admin');

    const inbox = await admin.agent.get('/api/conversations');
    expect(inbox.status).toBe(200);
    expect(inbox.body.conversations.map((row: { id: string }) => row.id)).toEqual([waiting.conversation.id, quiet.conversation.id, closed.conversation.id]);
    expect(inbox.body.conversations[0]).toMatchObject({
      buyerName: 'Carla Souza',
      phone: BUYER,
      needsHuman: { reason: 'exchange_limit' },
      handledBy: null,
      lastMessage: { from: 'user', text: 'alguém aí?' },
      serviceWindowEndsAt: expect.any(String),
    });
    expect((await admin.agent.get('/api/conversations?status=needs_human')).body.conversations).toHaveLength(1);
    expect((await admin.agent.get('/api/conversations?status=closed')).body.conversations[0].id).toBe(closed.conversation.id);
    expect((await admin.agent.get('/api/conversations?status=nope')).body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'status' } });
  });

  it('never gives an agent a full phone number, and finds a buyer by name or the last four digits', async () => {
    const { conversation } = await waitingForTheTeam();
    const agent = await harness.signIn('agent');
    const inbox = await agent.agent.get('/api/conversations?q=4321');
    expect(inbox.body.conversations).toHaveLength(1);
    expect(inbox.body.conversations[0].phone).toBe('+55 ••••• 4321');
    expect(JSON.stringify(inbox.body)).not.toContain('987654321');
    const page = await agent.agent.get(`/api/conversations/${conversation.id}`);
    expect(page.body.conversation.phone).toBe('+55 ••••• 4321');
    expect(JSON.stringify(page.body)).not.toContain('987654321');
    expect((await agent.agent.get('/api/conversations?q=carla')).body.conversations).toHaveLength(1);
    expect((await agent.agent.get('/api/conversations?q=50%25')).body.conversations).toHaveLength(0);
  });

  it('shows the timeline, the abandonment and its payments on the conversation page', async () => {
    const { conversation, abandonment } = await waitingForTheTeam();
    await harness.prisma.message.create({
      data: {
        conversationId: conversation.id,
        fromSender: 'sara',
        messageText: '[template sara_carrinho_abandonado] Carla | Curso | https://pay.sara.example/curso',
        messageType: 'template',
        status: 'delivered',
        metadata: {
          outbound: {
            kind: 'template',
            name: 'sara_carrinho_abandonado',
            language: 'pt_BR',
            bodyParameters: ['Carla', 'Curso', 'https://pay.sara.example/curso'],
          },
        },
        createdAt: new Date(Date.now() - 7_200_000),
      },
    });
    await harness.prisma.payment.create({
      data: {
        source: 'hotmart',
        externalId: 'HP1',
        abandonmentId: abandonment.id,
        amount: 297,
        currency: 'BRL',
        paidAt: new Date(),
        matchStatus: 'review',
        reviewReason: 'amount',
      },
    });
    const admin = await harness.signIn('admin');
    const { conversation: page } = (await admin.agent.get(`/api/conversations/${conversation.id}`)).body;
    expect(page.messages.map((entry: { from: string }) => entry.from)).toEqual(['sara', 'user']);
    expect(page.messages[0]).toMatchObject({
      type: 'template',
      template: { name: 'sara_carrinho_abandonado', parameters: ['Carla', 'Curso', 'https://pay.sara.example/curso'] },
      status: 'delivered',
    });
    expect(page.abandonment).toMatchObject({ productId: 'curso', value: 297, kind: 'cart', linksOffered: ['https://pay.sara.example/curso'] });
    expect(page.payments).toEqual([expect.objectContaining({ source: 'hotmart', amount: 297, matchStatus: 'review' })]);
    expect(page.serviceWindow).toEqual({ open: true, endsAt: expect.any(String) });
    expect(page.templates.map((choice: { name: string }) => choice.name)).toContain('sara_carrinho_abandonado');
    expect((await admin.agent.get('/api/conversations/00000000-0000-0000-0000-000000000000')).body.error.code).toBe('CONVERSATION_NOT_FOUND');
  });
});

describe('taking over', () => {
  it('takes over, writes inside the window exactly once per composed message, and hands back to Sara', async () => {
    const { conversation } = await waitingForTheTeam();
    const ana = await harness.signIn('agent');
    const path = `/api/conversations/${conversation.id}`;

    expect((await ana.agent.post(`${path}/takeover`)).status).toBe(403);
    expect((await post(ana, `${path}/messages`, { text: 'Oi Carla!' })).body.error.code).toBe('TAKEOVER_REQUIRED');

    const taken = await post(ana, `${path}/takeover`);
    expect(taken.status).toBe(200);
    expect(taken.body.conversation.handledBy).toEqual({ id: ana.operatorId, name: 'Ana Atendente' });

    const beto = await harness.signIn('agent');
    expect((await post(beto, `${path}/takeover`)).body.error).toMatchObject({ code: 'CONVERSATION_TAKEN', details: { handledBy: 'Ana Atendente' } });

    const first = await post(ana, `${path}/messages`, { text: 'Oi Carla! Sou a Ana, da equipe.' }).set('Idempotency-Key', 'compose-1');
    expect(first.status).toBe(202);
    expect(first.body.message).toMatchObject({
      from: 'operator',
      operator: { name: 'Ana Atendente' },
      text: 'Oi Carla! Sou a Ana, da equipe.',
      status: 'queued',
    });
    const retried = await post(ana, `${path}/messages`, { text: 'Oi Carla! Sou a Ana, da equipe.' }).set('Idempotency-Key', 'compose-1');
    expect(retried.body.message.id).toBe(first.body.message.id);
    expect(await harness.prisma.message.count({ where: { conversationId: conversation.id, fromSender: 'operator' } })).toBe(1);
    // On Sara's outbound path: one send job, keyed by the message.
    expect(await harness.outbound.queue.getJob(first.body.message.id)).toBeTruthy();

    const released = await post(ana, `${path}/release`);
    expect(released.body.conversation).toMatchObject({ handledBy: null, needsHuman: null });
    expect((await post(ana, `${path}/messages`, { text: 'ainda aqui' })).body.error.code).toBe('TAKEOVER_REQUIRED');
  });

  it('lets one of two operators racing for a conversation have it', async () => {
    const { conversation } = await waitingForTheTeam();
    const [ana, beto] = await Promise.all([harness.signIn('agent'), harness.signIn('agent')]);
    const path = `/api/conversations/${conversation.id}/takeover`;
    const answers = await Promise.all([post(ana, path), post(beto, path)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const winner = answers.find((answer) => answer.status === 200)!.body.conversation.handledBy.id;
    expect([ana.operatorId, beto.operatorId]).toContain(winner);
    expect((await harness.prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).handledById).toBe(winner);
  });

  it('allows only an approved template once the 24 h window closed (409 SERVICE_WINDOW_CLOSED for text)', async () => {
    const { conversation } = await waitingForTheTeam({ lastUserMessageHoursAgo: 30 });
    const ana = await harness.signIn('agent');
    const path = `/api/conversations/${conversation.id}`;
    const taken = await post(ana, `${path}/takeover`);
    expect(taken.body.conversation.serviceWindow.open).toBe(false);

    const text = await post(ana, `${path}/messages`, { text: 'Oi Carla?' });
    expect(text.status).toBe(409);
    expect(text.body.error.code).toBe('SERVICE_WINDOW_CLOSED');
    expect(await harness.prisma.message.count({ where: { fromSender: 'operator' } })).toBe(0);

    const [choice] = taken.body.conversation.templates as { name: string; parameters: string[] }[];
    expect((await post(ana, `${path}/messages`, { template: 'made_up', parameters: choice!.parameters })).body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { field: 'template' },
    });
    expect((await post(ana, `${path}/messages`, { template: choice!.name, parameters: ['só um'] })).body.error.details.field).toBe('parameters');
    const sent = await post(ana, `${path}/messages`, { template: choice!.name, parameters: choice!.parameters });
    expect(sent.status).toBe(202);
    expect(sent.body.message).toMatchObject({ type: 'template', template: { name: choice!.name, parameters: choice!.parameters } });
  });

  it('refuses a message to a buyer who opted out, and a body that is neither text nor template', async () => {
    const { conversation } = await waitingForTheTeam({ optedOut: true });
    const ana = await harness.signIn('agent');
    const path = `/api/conversations/${conversation.id}`;
    await post(ana, `${path}/takeover`);
    expect((await post(ana, `${path}/messages`, { text: 'oi' })).body.error.code).toBe('USER_OPTED_OUT');
    const empty = await post(ana, `${path}/messages`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('closes with a reason, and records every action with who did it', async () => {
    const { conversation } = await waitingForTheTeam();
    const ana = await harness.signIn('agent');
    const path = `/api/conversations/${conversation.id}`;
    await post(ana, `${path}/takeover`);
    expect((await post(ana, `${path}/close`, {})).body.error.details.field).toBe('reason');
    const closed = await post(ana, `${path}/close`, { reason: 'comprou pelo telefone' });
    expect(closed.body.conversation).toMatchObject({ status: 'closed', closedReason: 'comprou pelo telefone' });
    expect((await post(ana, `${path}/takeover`)).body.error.code).toBe('CONVERSATION_CLOSED');

    await harness.settle();
    const trail = await harness.prisma.auditEvent.findMany({ where: { action: { not: 'console.login' } }, orderBy: { createdAt: 'asc' } });
    expect(trail.map((row) => [row.actor, row.action, row.target, row.outcome])).toEqual([
      [`operator:${ana.operatorId}`, 'console.takeover', conversation.id, 200],
      [`operator:${ana.operatorId}`, 'console.close', conversation.id, 400],
      [`operator:${ana.operatorId}`, 'console.close', conversation.id, 200],
      [`operator:${ana.operatorId}`, 'console.takeover', conversation.id, 409],
    ]);
  });
});

describe('live updates', () => {
  it('streams a conversation event when a buyer message arrives, to a signed-in page only', async () => {
    const { conversation } = await waitingForTheTeam();
    expect((await request(harness.app).get('/api/events')).status).toBe(401);
    const admin = await harness.signIn('admin');
    const cookie = (await admin.agent.get('/api/session')).request.cookies as unknown as string;
    const server = harness.app.listen(0);
    try {
      const port = (server.address() as { port: number }).port;
      const controller = new AbortController();
      const stream = await fetch(`http://127.0.0.1:${port}/api/events`, { headers: { cookie }, signal: controller.signal });
      expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = stream.body!.getReader();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await harness.prisma.message.create({ data: { conversationId: conversation.id, fromSender: 'user', messageText: 'oi?', status: 'received' } });
      let received = '';
      const decoder = new TextDecoder();
      while (!received.includes(conversation.id)) received += decoder.decode((await reader.read()).value);
      expect(received).toContain(`event: conversation\ndata: {"conversationId":"${conversation.id}"}`);
      controller.abort();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
