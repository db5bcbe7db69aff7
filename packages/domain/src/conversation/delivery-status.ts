import type { Logger } from '@sara/observability';
import type { PrismaClientOrTransaction } from '../client.js';
import type { InboundStatus } from './inbound-event.js';

const RECENT_STATUS_MS = 2 * 60_000;

/** Thrown so BullMQ retries the status once the send has recorded its wamid. */
export class StatusAheadOfSend extends Error {
  override readonly name = 'StatusAheadOfSend';
}

/** Meta delivers statuses unordered and may skip `delivered`; a status never moves backwards. */
const RANK: Record<string, number> = { queued: 0, sending: 1, unknown: 1, sent: 2, delivered: 3, read: 4, played: 4 };

/** Applies a sent/delivered/read/played/failed status to the outbound message row it names. */
export async function applyDeliveryStatus(db: PrismaClientOrTransaction, event: InboundStatus, logger: Logger): Promise<void> {
  const message = await db.message.findUnique({ where: { whatsappMessageId: event.wamid }, select: { id: true, status: true } });
  if (!message) {
    // Meta can report 'sent' (or 'failed') before the sender has stored the wamid: a fresh
    // status is retried for a while; an old one is for a message Sara never sent.
    if (Date.now() - event.at.getTime() < RECENT_STATUS_MS) throw new StatusAheadOfSend(`status ${event.status} for a wamid not recorded yet`);
    logger.info({ status: event.status }, 'status for a message Sara did not send; ignored');
    return;
  }
  if (event.status === 'failed') {
    await db.message.update({ where: { id: message.id }, data: { status: 'failed', errorCode: event.errorCode ?? null, statusUpdatedAt: event.at } });
    logger.warn({ messageId: message.id, code: event.errorCode }, 'WhatsApp reported the message failed');
    return;
  }
  const next = event.status === 'played' ? 'read' : event.status;
  const nextRank = RANK[next];
  const currentRank = RANK[message.status];
  if (nextRank === undefined || currentRank === undefined || nextRank <= currentRank) return;
  await db.message.updateMany({
    where: { id: message.id, status: message.status },
    data: { status: next, statusUpdatedAt: event.at },
  });
}
