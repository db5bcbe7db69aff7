import type { PrismaClient } from '../generated/prisma/client.js';
import { AppError } from '../app-error.js';
import type { PrismaClientOrTransaction } from '../client.js';
import { OPT_OUT_FAREWELL_INTENT } from '../outbound/message-sender.js';

/** Everything Sara holds about one buyer (LGPD art. 18 II and V, art. 19's electronic copy). */
export type BuyerDataExport = {
  phone: string;
  exportedAt: string;
  user: Record<string, unknown> | null;
  optOut: { optedOut: boolean; optedOutAt: Date | null; reason: string | null; history: OptOutHistoryEntry[] };
  abandonments: Record<string, unknown>[];
  conversations: Record<string, unknown>[];
  payments: Record<string, unknown>[];
};

/** A conversation the opt-out closed, and the goodbye Sara wrote there (the conversation it came from). */
export type OptOutHistoryEntry = {
  conversationId: string;
  closedAt: Date | null;
  farewell: { messageId: string; text: string; status: string; at: Date } | null;
};

export function buyerNotFound(): AppError {
  // The phone is the buyer's identifier: it stays out of the message, as out of every log line.
  return new AppError('BUYER_NOT_FOUND', 'Sara holds no data about this buyer', { status: 404 });
}

/** The buyer's rows, found the way erasure finds them, so what is exported is what is erased. */
export async function findBuyerRows(db: PrismaClientOrTransaction, phone: string) {
  const user = await db.user.findUnique({
    where: { phoneNumber: phone },
    include: { abandonments: { include: { steps: { orderBy: { step: 'asc' } } }, orderBy: { createdAt: 'asc' } } },
  });
  const abandonmentIds = user?.abandonments.map((a) => a.id) ?? [];
  const emails = [...new Set((user?.abandonments ?? []).flatMap((a) => (a.buyerEmail ? [a.buyerEmail] : [])))];
  const conversations = user
    ? await db.conversation.findMany({ where: { userId: user.id }, include: { messages: { orderBy: { createdAt: 'asc' } } }, orderBy: { createdAt: 'asc' } })
    : [];
  // Matched payments point at the buyer's abandonments; unmatched and review ones only carry the phone or email.
  const payments = await db.payment.findMany({
    where: { OR: [{ abandonmentId: { in: abandonmentIds } }, { buyerPhone: phone }, ...(emails.length ? [{ buyerEmail: { in: emails } }] : [])] },
    orderBy: { paidAt: 'asc' },
  });
  return { user, emails, conversations, payments };
}

export class BuyerDataRepository {
  constructor(private readonly db: PrismaClient) {}

  /** The buyer's copy; 404 BUYER_NOT_FOUND when Sara holds nothing under this phone (E.164). */
  async export(phone: string): Promise<BuyerDataExport> {
    const { user, conversations, payments } = await findBuyerRows(this.db, phone);
    if (!user && payments.length === 0) throw buyerNotFound();
    const { abandonments = [], ...userRow } = user ?? {};
    return {
      phone,
      exportedAt: new Date().toISOString(),
      user: user ? userRow : null,
      optOut: {
        optedOut: user?.optedOut ?? false,
        optedOutAt: user?.optedOutAt ?? null,
        reason: user?.optedOutReason ?? null,
        history: conversations.filter((c) => c.closedReason === 'opted_out').map(optOutEntry),
      },
      abandonments: abandonments.map((a) => ({ ...a, value: a.value?.toString() ?? null })),
      conversations,
      payments: payments.map((p) => ({ ...p, amount: p.amount.toString() })),
    };
  }
}

function optOutEntry(conversation: {
  id: string;
  closedAt: Date | null;
  messages: { id: string; intent: string | null; messageText: string; status: string; createdAt: Date }[];
}): OptOutHistoryEntry {
  const farewell = conversation.messages.find((message) => message.intent === OPT_OUT_FAREWELL_INTENT);
  return {
    conversationId: conversation.id,
    closedAt: conversation.closedAt,
    farewell: farewell ? { messageId: farewell.id, text: farewell.messageText, status: farewell.status, at: farewell.createdAt } : null,
  };
}
