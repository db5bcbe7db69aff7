import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { truncateAll } from '../../../../test/support/database.js';
import { createIngressHarness, TEST_SECRETS } from '../test-support/ingress-harness.js';

const harness = createIngressHarness();
const { app, prisma } = harness;
const AUTH = `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`;

async function seedConversation(messageCount: number) {
  const user = await prisma.user.create({ data: { phoneNumber: '+5511987654321', name: 'João' } });
  const abandonment = await prisma.abandonment.create({
    data: { userId: user.id, externalId: 'abn_789', productId: 'prod_456', value: '250.00' },
  });
  const conversation = await prisma.conversation.create({
    data: { abandonmentId: abandonment.id, userId: user.id, status: 'active', lastMessageAt: new Date('2026-02-05T10:45:00Z') },
  });
  for (let index = 0; index < messageCount; index++) {
    await prisma.message.create({
      data: {
        conversationId: conversation.id,
        fromSender: index % 2 === 0 ? 'sara' : 'user',
        messageText: `mensagem ${index}`,
        status: index % 2 === 0 ? 'sent' : 'received',
        createdAt: new Date(Date.UTC(2026, 1, 5, 10, 30, index)),
      },
    });
  }
  return conversation;
}

beforeEach(() => truncateAll(prisma));
afterAll(() => harness.close());

describe('admin authentication', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a wrong key', 'Bearer wrong-key-wrong-key-1234'],
    ['a Basic scheme', `Basic ${TEST_SECRETS.ADMIN_API_KEY}`],
    ['the key without a scheme', TEST_SECRETS.ADMIN_API_KEY],
  ])('answers 401 to %s', async (_name, authorization) => {
    const conversation = await seedConversation(0);
    const get = request(app).get(`/conversations/${conversation.id}`);
    const close = request(app).post(`/conversations/${conversation.id}/close`);
    if (authorization) {
      get.set('Authorization', authorization);
      close.set('Authorization', authorization);
    }
    for (const response of [await get, await close]) {
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).toBe('active');
  });
});

describe('GET /conversations/:id', () => {
  it('returns the conversation with its messages in order, paginated', async () => {
    const conversation = await seedConversation(5);
    const response = await request(app).get(`/conversations/${conversation.id}`).query({ limit: 2, offset: 1 }).set('Authorization', AUTH);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      conversationId: conversation.id,
      abandonmentId: 'abn_789',
      userPhone: '+5511987654321',
      userName: 'João',
      status: 'active',
      productId: 'prod_456',
      productValue: 250,
      cohort: 'treatment',
      nextStep: null,
      lastMessageAt: '2026-02-05T10:45:00.000Z',
      pagination: { limit: 2, offset: 1, total: 5 },
    });
    expect(response.body.messages).toEqual([
      { id: expect.any(String), from: 'user', text: 'mensagem 1', type: 'text', status: 'received', timestamp: '2026-02-05T10:30:01.000Z', step: null },
      { id: expect.any(String), from: 'sara', text: 'mensagem 2', type: 'text', status: 'sent', timestamp: '2026-02-05T10:30:02.000Z', step: null },
    ]);
  });

  it('defaults to the first 50 messages', async () => {
    const conversation = await seedConversation(3);
    const response = await request(app).get(`/conversations/${conversation.id}`).set('Authorization', AUTH);
    expect(response.body.pagination).toEqual({ limit: 50, offset: 0, total: 3 });
    expect(response.body.messages).toHaveLength(3);
  });

  it.each([
    ['limit', '0'],
    ['limit', '501'],
    ['offset', '-1'],
    ['limit', 'ten'],
  ])('rejects %s=%s with 400', async (field, value) => {
    const conversation = await seedConversation(0);
    const response = await request(app)
      .get(`/conversations/${conversation.id}`)
      .query({ [field]: value })
      .set('Authorization', AUTH);
    expect(response.status).toBe(400);
    expect(response.body.error.details.field).toBe(field);
  });

  it.each(['00000000-0000-4000-8000-000000000000', 'conv_123'])('answers 404 CONVERSATION_NOT_FOUND for %s', async (id) => {
    const response = await request(app).get(`/conversations/${id}`).set('Authorization', AUTH);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('CONVERSATION_NOT_FOUND');
  });
});

describe('POST /conversations/:id/close', () => {
  it('closes with the given reason, and a second close keeps the first reason', async () => {
    const conversation = await seedConversation(0);
    const first = await request(app).post(`/conversations/${conversation.id}/close`).set('Authorization', AUTH).send({ reason: 'buyer_asked' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: 'closed', conversationId: conversation.id });
    const again = await request(app).post(`/conversations/${conversation.id}/close`).set('Authorization', AUTH);
    expect(again.status).toBe(200);
    const stored = await prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(stored).toMatchObject({ status: 'closed', closedReason: 'buyer_asked' });
    expect(stored.closedAt).toBeInstanceOf(Date);
  });

  it('defaults the reason to manual_close', async () => {
    const conversation = await seedConversation(0);
    await request(app).post(`/conversations/${conversation.id}/close`).set('Authorization', AUTH);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).closedReason).toBe('manual_close');
  });

  it('rejects a malformed reason with 400 and leaves the conversation open', async () => {
    const conversation = await seedConversation(0);
    const response = await request(app).post(`/conversations/${conversation.id}/close`).set('Authorization', AUTH).send({ reason: 'DROP TABLE;' });
    expect(response.status).toBe(400);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).toBe('active');
  });

  it('answers 404 for an unknown conversation', async () => {
    const response = await request(app).post('/conversations/00000000-0000-4000-8000-000000000000/close').set('Authorization', AUTH);
    expect(response.status).toBe(404);
  });
});
