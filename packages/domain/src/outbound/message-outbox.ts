import type { PrismaClientOrTransaction } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { OutboundMessage } from './message-transport.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What to send; the recipient is read from the conversation's user at send time. */
export type OutboundContent = DistributiveOmit<OutboundMessage, 'to'>;

/** The transcript's human-readable text of a message (messages.message_text is NOT NULL). */
export function describeContent(content: OutboundContent): string {
  switch (content.kind) {
    case 'text':
      return content.text;
    case 'template':
      return `[template ${content.name}] ${content.bodyParameters.join(' | ')}`;
    case 'interactive':
      return `${content.bodyText} [${content.buttons.map((button) => button.title).join(' | ')}]`;
  }
}

/**
 * Writes the message row (status `queued`) that a send job will deliver. The idempotency key
 * names the logical message (e.g. "the template of abandonment X"): a retried or duplicated
 * caller gets the existing row back instead of a second message.
 */
export async function queueOutboundMessage(
  db: PrismaClientOrTransaction,
  input: {
    conversationId: string;
    idempotencyKey: string;
    content: OutboundContent;
    intent?: string;
    /** The AI call behind a reply: its id and cost, kept for the audit trail. */
    ai?: { responseId?: string | undefined; tokensUsed?: number | undefined };
    metadata?: Record<string, unknown>;
    /** The recovery sequence step this template is. */
    sequenceStep?: number;
    /** A person typed it in the console: the message is theirs, not Sara's. */
    operatorId?: string;
  },
): Promise<{ id: string; status: string }> {
  const [created] = await db.message.createManyAndReturn({
    data: [
      {
        conversationId: input.conversationId,
        fromSender: input.operatorId ? 'operator' : 'sara',
        operatorId: input.operatorId ?? null,
        messageText: describeContent(input.content),
        messageType: input.content.kind,
        status: 'queued',
        intent: input.intent ?? null,
        idempotencyKey: input.idempotencyKey,
        sequenceStep: input.sequenceStep ?? null,
        openaiResponseId: input.ai?.responseId ?? null,
        openaiTokensUsed: input.ai?.tokensUsed ?? null,
        metadata: { ...input.metadata, outbound: input.content } as Prisma.InputJsonValue,
      },
    ],
    skipDuplicates: true,
    select: { id: true, status: true },
  });
  if (created) return created;
  return db.message.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true, status: true } });
}
