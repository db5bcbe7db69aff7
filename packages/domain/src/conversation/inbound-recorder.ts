import type { PrismaClient } from '../generated/prisma/client.js';
import type { LocatedConversation } from './conversation-locator.js';
import type { InboundMessage } from './inbound-event.js';

export type RecordedInbound = {
  id: string;
  conversationStatus: string;
  lastUserMessageAt: Date | null;
};

/**
 * Stores the buyer's message once per wamid and moves the conversation along (first reply:
 * awaiting_response → active; window start; counters) in one transaction. A retry of the same
 * job finds the row and the conversation as the first attempt left them.
 */
export async function recordInboundMessage(db: PrismaClient, conversation: LocatedConversation, event: InboundMessage): Promise<RecordedInbound> {
  return db.$transaction(async (tx) => {
    const [created] = await tx.message.createManyAndReturn({
      data: [
        {
          conversationId: conversation.id,
          fromSender: 'user',
          messageText: event.text ?? `[${event.type}]`,
          messageType: event.type.slice(0, 20),
          whatsappMessageId: event.wamid,
          status: 'received',
          // Meta's timestamp has one-second resolution and arrives late or out of order: it
          // drives the 24 h window, while created_at (arrival) keeps the transcript in order.
          statusUpdatedAt: event.sentAt,
          metadata: { sentAt: event.sentAt.toISOString() },
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    if (created) {
      // Conditional updates, not read-then-write: another replica may be recording a newer
      // message, or a payment may be closing the conversation, at this very moment.
      await tx.conversation.update({ where: { id: conversation.id }, data: { messageCount: { increment: 1 } } });
      // Meta delivers out of order: the window starts at the newest message, not the last processed.
      await tx.conversation.updateMany({
        where: { id: conversation.id, OR: [{ lastUserMessageAt: null }, { lastUserMessageAt: { lt: event.sentAt } }] },
        data: { lastUserMessageAt: event.sentAt, lastMessageAt: event.sentAt },
      });
      await tx.conversation.updateMany({ where: { id: conversation.id, status: 'awaiting_response' }, data: { status: 'active' } });
    }
    const id = created?.id ?? (await tx.message.findUniqueOrThrow({ where: { whatsappMessageId: event.wamid }, select: { id: true } })).id;
    const current = await tx.conversation.findUniqueOrThrow({ where: { id: conversation.id }, select: { status: true, lastUserMessageAt: true } });
    return { id, conversationStatus: current.status, lastUserMessageAt: current.lastUserMessageAt };
  });
}
