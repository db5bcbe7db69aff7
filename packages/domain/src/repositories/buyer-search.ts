import type { PrismaClientOrTransaction } from '../client.js';

export type BuyerSummary = {
  phone: string;
  name: string;
  email: string | null;
  optedOut: boolean;
  optedOutAt: string | null;
  optedOutReason: string | null;
  abandonments: number;
  lastActivityAt: string | null;
};

type Row = {
  phone: string;
  name: string;
  email: string | null;
  opted_out: boolean;
  opted_out_at: Date | null;
  opted_out_reason: string | null;
  abandonments: number;
  last_activity_at: Date | null;
};

const MAX_RESULTS = 50;
/** Only digits and the punctuation people type around them: "(11) 98765-4321", "+55 11", "4321". */
const PHONE_LIKE = /^[\d\s()+.-]+$/;

/** `q` as a literal inside a LIKE pattern: the buyer's "50%" is no wildcard. */
function literal(q: string): string {
  return q.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Buyers whose phone holds these digits (anywhere: a DDD, the last four), or whose name or
 * checkout e-mail contains `q`, most recently active first, at most 50. Erased buyers are
 * gone: their rows hold no phone, name or e-mail to find. One query.
 */
export async function searchBuyers(db: PrismaClientOrTransaction, q: string): Promise<BuyerSummary[]> {
  const text = q.trim();
  const digits = PHONE_LIKE.test(text) ? text.replace(/\D/g, '') : '';
  const pattern = `%${literal(text)}%`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT u.phone_number AS phone, u.name, u.opted_out, u.opted_out_at, u.opted_out_reason,
      (SELECT a.buyer_email FROM abandonments a WHERE a.user_id = u.id AND a.buyer_email IS NOT NULL ORDER BY a.created_at DESC LIMIT 1) AS email,
      (SELECT COUNT(*) FROM abandonments a WHERE a.user_id = u.id)::int AS abandonments,
      GREATEST(
        (SELECT MAX(a.created_at) FROM abandonments a WHERE a.user_id = u.id),
        (SELECT MAX(c.last_message_at) FROM conversations c WHERE c.user_id = u.id)
      ) AS last_activity_at
    FROM users u
    WHERE u.phone_number NOT LIKE 'erased:%'
      AND (
        (${digits} <> '' AND u.phone_number LIKE '%' || ${digits} || '%')
        OR u.name ILIKE ${pattern}
        OR EXISTS (SELECT 1 FROM abandonments a WHERE a.user_id = u.id AND a.buyer_email ILIKE ${pattern})
      )
    ORDER BY last_activity_at DESC NULLS LAST, u.id
    LIMIT ${MAX_RESULTS}`;
  return rows.map((row) => ({
    phone: row.phone,
    name: row.name,
    email: row.email,
    optedOut: row.opted_out,
    optedOutAt: row.opted_out_at?.toISOString() ?? null,
    optedOutReason: row.opted_out_reason,
    abandonments: row.abandonments,
    lastActivityAt: row.last_activity_at?.toISOString() ?? null,
  }));
}
