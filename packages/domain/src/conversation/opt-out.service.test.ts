import { createLogger } from '@sara/observability';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestPrisma, truncateAll } from '../../../../test/support/database.js';
import { applyOptOut, resumeAfterMarketingStop } from './opt-out.service.js';

const prisma = createTestPrisma();
const logger = createLogger({ service: 'test', level: 'silent' });

beforeEach(async () => {
  await truncateAll(prisma);
});
afterAll(async () => {
  await prisma.$disconnect();
});

/** A buyer with two recoveries in progress (a cart, then a Pix) and one already paid. */
async function buyerWithRecoveries() {
  const user = await prisma.user.create({ data: { phoneNumber: '+5511987651111', name: 'Bia' } });
  const open = async (externalId: string, status: string) => {
    const abandonment = await prisma.abandonment.create({ data: { userId: user.id, externalId, productId: 'curso', value: 97, status } });
    const conversation = await prisma.conversation.create({
      data: {
        userId: user.id,
        abandonmentId: abandonment.id,
        status: status === 'converted' ? 'closed' : 'active',
        closedReason: status === 'converted' ? 'converted' : null,
      },
    });
    return { abandonment, conversation };
  };
  return { user, cart: await open('ab_cart', 'active'), pix: await open('ab_pix', 'initiated'), paid: await open('ab_paid', 'converted') };
}

describe('applyOptOut', () => {
  it('opts the buyer out, closes every open conversation, declines every live recovery and queues one farewell', async () => {
    const { user, cart, paid } = await buyerWithRecoveries();
    const farewellId = await applyOptOut(
      prisma,
      { userId: user.id, userName: 'Bia', reason: 'keyword:sair', farewell: { conversationId: cart.conversation.id, triggerId: 'wamid.1' } },
      logger,
    );

    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ optedOut: true, optedOutReason: 'keyword:sair' });
    const conversations = await prisma.conversation.findMany({ where: { userId: user.id } });
    expect(conversations.every((conversation) => conversation.status === 'closed')).toBe(true);
    expect(conversations.find((conversation) => conversation.id === paid.conversation.id)?.closedReason).toBe('converted');
    expect(conversations.filter((conversation) => conversation.closedReason === 'opted_out')).toHaveLength(2);
    const abandonments = await prisma.abandonment.findMany({ where: { userId: user.id }, orderBy: { externalId: 'asc' } });
    expect(abandonments.map((abandonment) => [abandonment.externalId, abandonment.status])).toEqual([
      ['ab_cart', 'declined'],
      ['ab_paid', 'converted'],
      ['ab_pix', 'declined'],
    ]);
    const messages = await prisma.message.findMany({ where: { conversationId: cart.conversation.id } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id: farewellId, status: 'queued', fromSender: 'sara' });
  });

  it('writes the farewell once when the same trigger is retried, and none for a buyer already out', async () => {
    const { user, cart } = await buyerWithRecoveries();
    const input = { userId: user.id, userName: 'Bia', reason: 'ai' as const, farewell: { conversationId: cart.conversation.id, triggerId: 'wamid.2' } };
    const first = await applyOptOut(prisma, input, logger);
    const retried = await applyOptOut(prisma, input, logger);
    const later = await applyOptOut(prisma, { ...input, farewell: { conversationId: cart.conversation.id, triggerId: 'wamid.3' } }, logger);

    expect(retried).toBe(first);
    expect(later).toBeNull();
    expect(await prisma.message.count({ where: { conversationId: cart.conversation.id } })).toBe(1);
    // The first reason stays: a later message does not rewrite why the buyer left.
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).optedOutReason).toBe('ai');
  });

  it("lets WhatsApp's resume undo only WhatsApp's own stop", async () => {
    const { user } = await buyerWithRecoveries();
    await applyOptOut(prisma, { userId: user.id, userName: 'Bia', reason: 'whatsapp_marketing_stop', farewell: null }, logger);
    await resumeAfterMarketingStop(prisma, user.id, logger);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).optedOut).toBe(false);

    await applyOptOut(prisma, { userId: user.id, userName: 'Bia', reason: 'keyword:parar', farewell: null }, logger);
    await resumeAfterMarketingStop(prisma, user.id, logger);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ optedOut: true, optedOutReason: 'keyword:parar' });
  });
});
