import type { PrismaClient } from '@sara/domain';

const HOUR_MS = 3_600_000;

export type ConversationFixture = {
  user: { id: string; name: string; phoneNumber: string };
  abandonment: { id: string; externalId: string };
  conversation: { id: string };
};

/**
 * A buyer with one recovery in progress, as the abandonment worker leaves it, for service tests
 * that start mid-conversation. `lastUserMessageHoursAgo` places the buyer's last message (and so
 * the 24 h window); left out, the buyer never wrote.
 */
export async function openConversation(
  prisma: PrismaClient,
  options: {
    phoneNumber?: string;
    name?: string;
    optedOut?: boolean;
    productId?: string;
    value?: number;
    kind?: string;
    paymentLink?: string;
    status?: string;
    lastUserMessageHoursAgo?: number;
  } = {},
): Promise<ConversationFixture> {
  const user = await prisma.user.create({
    data: { phoneNumber: options.phoneNumber ?? '+5511987652222', name: options.name ?? 'Carla Souza', optedOut: options.optedOut ?? false },
  });
  const abandonment = await prisma.abandonment.create({
    data: {
      userId: user.id,
      externalId: `ab_${user.id.slice(0, 8)}`,
      productId: options.productId ?? 'curso',
      value: options.value ?? 297,
      kind: options.kind ?? 'cart',
      paymentLink: options.paymentLink ?? 'https://pay.sara.example/curso',
      status: 'active',
    },
  });
  const lastUserMessageAt = options.lastUserMessageHoursAgo === undefined ? null : new Date(Date.now() - options.lastUserMessageHoursAgo * HOUR_MS);
  const conversation = await prisma.conversation.create({
    data: { userId: user.id, abandonmentId: abandonment.id, status: options.status ?? 'awaiting_response', lastUserMessageAt },
  });
  // The back-reference the abandonment worker sets in the same transaction.
  await prisma.abandonment.update({ where: { id: abandonment.id }, data: { conversationId: conversation.id } });
  return { user, abandonment, conversation };
}
