import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { buyerNotFound, findBuyerRows } from './buyer-data.repository.js';
import { phoneHash } from './erasure-tombstone.js';

/** Rows anonymised per table, and what the caller must still clear outside Postgres. */
export type BuyerErasure = {
  erased: { users: number; abandonments: number; conversations: number; messages: number; payments: number; webhooksLog: number; recoverySteps: number };
  tombstone: boolean;
  /** Ids of the BullMQ jobs that may still hold the buyer's data: webhook log rows and messages. */
  jobIds: string[];
};

/** The shapes a phone takes inside a raw payload once spaces, dashes, dots and brackets are gone. */
function phoneNeedles(phone: string): string[] {
  const digits = phone.replace(/\D/g, '');
  return [...new Set([digits, ...(digits.startsWith('55') ? [digits.slice(2)] : [])])];
}

/**
 * LGPD erasure of one buyer (E.164 phone), in one transaction. Name, phone, email, payment links
 * and message texts go; ids, counts, amounts, dates and statuses stay, so every report adds up
 * as before. A buyer who opted out leaves a keyed hash of the phone, so no later event about
 * that number makes Sara write to them again. A second call finds nothing: BUYER_NOT_FOUND.
 */
export async function eraseBuyer(db: PrismaClient, phone: string, hashKey: string): Promise<BuyerErasure> {
  return db.$transaction(
    async (tx) => {
      // Serialises erasure against a new abandonment of the same buyer upserting this user.
      await tx.$executeRaw`SELECT 1 FROM users WHERE phone_number = ${phone} FOR UPDATE`;
      const { user, emails, conversations, payments } = await findBuyerRows(tx, phone);
      if (!user && payments.length === 0) throw buyerNotFound();

      const conversationIds = conversations.map((c) => c.id);
      const messages = conversations.flatMap((c) => c.messages);
      const externalIds = user?.abandonments.map((a) => a.externalId) ?? [];
      const wamids = messages.flatMap((m) => (m.whatsappMessageId ? [m.whatsappMessageId] : []));
      const paymentKeys = payments.flatMap((p) => [p.externalId, `${p.source}:${p.externalId}`]);
      const tombstone = user?.optedOut ?? false;
      const allEmails = [...new Set([...emails, ...payments.flatMap((p) => (p.buyerEmail ? [p.buyerEmail.toLowerCase()] : []))])];

      if (user) {
        await tx.user.update({ where: { id: user.id }, data: { name: 'erased', phoneNumber: `erased:${user.id.replace(/-/g, '').slice(0, 13)}` } });
        await tx.abandonment.updateMany({ where: { userId: user.id }, data: { buyerEmail: null, paymentLink: null } });
      }
      if (tombstone)
        await tx.erasureTombstone.upsert({ where: { phoneHash: phoneHash(hashKey, phone) }, create: { phoneHash: phoneHash(hashKey, phone) }, update: {} });
      // Texts and metadata (AI replies, Graph bodies with the buyer's name) go; rows, statuses and steps stay counted.
      const erasedMessages = await tx.message.updateMany({ where: { conversationId: { in: conversationIds } }, data: { messageText: '', metadata: {} } });
      // Nothing still waiting may go out: the number it would go to is gone.
      await tx.message.updateMany({ where: { conversationId: { in: conversationIds }, status: { in: ['queued', 'sending'] } }, data: { status: 'blocked' } });
      const steps = await tx.recoveryStep.updateMany({
        where: { abandonment: { userId: user?.id ?? '00000000-0000-0000-0000-000000000000' }, status: 'scheduled' },
        data: { status: 'skipped', reason: 'erased' },
      });
      const erasedPayments = await tx.payment.updateMany({ where: { id: { in: payments.map((p) => p.id) } }, data: { buyerPhone: null, buyerEmail: null } });

      const needles = phoneNeedles(phone);
      const logRows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE webhooks_log SET payload = '{"erased": true}'::jsonb, event = NULL, error_message = NULL
      WHERE conversation_id = ANY(${conversationIds}::uuid[])
         OR external_id = ANY(${[...externalIds, ...wamids, ...paymentKeys]}::text[])
         OR subject = ANY(${[...externalIds, ...paymentKeys]}::text[])
         OR EXISTS (SELECT 1 FROM unnest(${needles}::text[]) n WHERE strpos(translate(payload::text || coalesce(event::text, ''), ' -().', ''), n) > 0)
         OR EXISTS (SELECT 1 FROM unnest(${allEmails}::text[]) e WHERE strpos(lower(payload::text || coalesce(event::text, '')), e) > 0)
      RETURNING id::text`;

      return {
        erased: {
          users: user ? 1 : 0,
          abandonments: user?.abandonments.length ?? 0,
          conversations: conversations.length,
          messages: erasedMessages.count,
          payments: erasedPayments.count,
          webhooksLog: logRows.length,
          recoverySteps: steps.count,
        },
        tombstone,
        jobIds: [...logRows.map((r) => r.id), ...messages.map((m) => m.id)],
      };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted },
  );
}
