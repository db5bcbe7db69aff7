import type { NeedsHumanReason } from '../conversation/needs-human.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { CUSTOMER_SERVICE_WINDOW_MS } from '../outbound/service-window.js';

export const INBOX_FILTERS = ['needs_human', 'active', 'awaiting_response', 'closed'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

export type InboxRow = {
  id: string;
  buyerName: string;
  phone: string;
  status: 'awaiting_response' | 'active' | 'closed' | 'error';
  needsHuman: { reason: NeedsHumanReason; since: string } | null;
  handledBy: { id: string; name: string } | null;
  productName: string;
  lastMessage: { from: 'user' | 'sara' | 'operator'; text: string; at: string } | null;
  serviceWindowEndsAt: string | null;
};

type Raw = {
  id: string;
  status: string;
  needs_human_reason: string | null;
  needs_human_at: Date | null;
  last_user_message_at: Date | null;
  handled_by: string | null;
  handled_by_name: string | null;
  buyer_name: string;
  phone_number: string;
  product_name: string;
  last_from: string | null;
  last_text: string | null;
  last_at: Date | null;
};

/** An open conversation flagged for the team; a closed one keeps its flag only as history. */
const WAITING = Prisma.sql`c.status <> 'closed' AND c.needs_human_reason IS NOT NULL`;

const FILTER_SQL: Record<InboxFilter, Prisma.Sql> = {
  needs_human: WAITING,
  active: Prisma.sql`c.status = 'active' AND c.needs_human_reason IS NULL`,
  awaiting_response: Prisma.sql`c.status = 'awaiting_response' AND c.needs_human_reason IS NULL`,
  closed: Prisma.sql`c.status = 'closed'`,
};

const PAGE = 100;

/**
 * The console's inbox: waiting for a human first, then active, awaiting a reply, closed; newest
 * activity first within each. One query (the last message by a lateral join on its index), so
 * the page costs the same with ten conversations or ten thousand.
 */
export async function listInbox(db: PrismaClient, query: { filter?: InboxFilter; q?: string }): Promise<InboxRow[]> {
  const conditions: Prisma.Sql[] = [query.filter ? FILTER_SQL[query.filter] : Prisma.sql`TRUE`];
  const q = query.q?.trim();
  if (q) {
    // Four digits are the end of a phone: all an agent sees of it, so all they can search by.
    if (/^\d{4}$/.test(q)) conditions.push(Prisma.sql`u.phone_number LIKE ${`%${q}`}`);
    else conditions.push(Prisma.sql`u.name ILIKE ${`%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`}`);
  }
  const rows = await db.$queryRaw<Raw[]>`
    SELECT c.id, c.status, c.needs_human_reason, c.needs_human_at, c.last_user_message_at, c.handled_by,
           o.name AS handled_by_name, u.name AS buyer_name, u.phone_number,
           COALESCE(po.product_name, a.product_name, a.product_id) AS product_name,
           m.from_sender AS last_from, m.message_text AS last_text, m.created_at AS last_at
    FROM conversations c
    JOIN users u ON u.id = c.user_id
    JOIN abandonments a ON a.id = c.abandonment_id
    LEFT JOIN product_offers po ON po.product_id = a.product_id
    LEFT JOIN operators o ON o.id = c.handled_by
    LEFT JOIN LATERAL (
      SELECT from_sender, message_text, created_at FROM messages
      WHERE conversation_id = c.id ORDER BY created_at DESC, id DESC LIMIT 1
    ) m ON TRUE
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY CASE WHEN ${WAITING} THEN 0 WHEN c.status = 'active' THEN 1 WHEN c.status = 'awaiting_response' THEN 2 ELSE 3 END,
             COALESCE(m.created_at, c.created_at) DESC, c.id
    LIMIT ${PAGE}`;
  return rows.map(toInboxRow);
}

function toInboxRow(row: Raw): InboxRow {
  return {
    id: row.id,
    buyerName: row.buyer_name,
    phone: row.phone_number,
    status: row.status as InboxRow['status'],
    needsHuman:
      row.needs_human_reason && row.needs_human_at && row.status !== 'closed'
        ? { reason: row.needs_human_reason as NeedsHumanReason, since: row.needs_human_at.toISOString() }
        : null,
    handledBy: row.handled_by ? { id: row.handled_by, name: row.handled_by_name ?? '' } : null,
    productName: row.product_name,
    lastMessage: row.last_at ? { from: row.last_from as 'user' | 'sara' | 'operator', text: row.last_text ?? '', at: row.last_at.toISOString() } : null,
    serviceWindowEndsAt: windowEnd(row.last_user_message_at),
  };
}

export function windowEnd(lastUserMessageAt: Date | null): string | null {
  return lastUserMessageAt ? new Date(lastUserMessageAt.getTime() + CUSTOMER_SERVICE_WINDOW_MS).toISOString() : null;
}
