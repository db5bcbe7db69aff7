import type { PrismaClientOrTransaction } from '../client.js';

/** One admin action as recorded: who, what, on what, and the HTTP status it ended with. */
export type AuditEntry = { actor: string; action: string; target: string | null; outcome: number; requestId: string | null };
export type AuditEventView = AuditEntry & { id: string; createdAt: string };

/**
 * The audit trail. Append-only: this class only inserts and reads, and the database refuses
 * UPDATE and DELETE on the table (a trigger), so no code path can rewrite what happened.
 */
export class AuditRepository {
  constructor(private readonly db: PrismaClientOrTransaction) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.auditEvent.create({
      data: {
        actor: entry.actor.slice(0, 100),
        action: entry.action.slice(0, 100),
        target: entry.target?.slice(0, 255) ?? null,
        outcome: entry.outcome,
        requestId: entry.requestId?.slice(0, 128) ?? null,
      },
    });
  }

  /** Newest first; ties (same millisecond) broken by id so pages never overlap. */
  async list(query: { action?: string; limit: number; offset: number }): Promise<{ events: AuditEventView[]; total: number }> {
    const where = query.action ? { action: query.action } : {};
    const [rows, total] = await Promise.all([
      this.db.auditEvent.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: query.offset, take: query.limit }),
      this.db.auditEvent.count({ where }),
    ]);
    return {
      events: rows.map((row) => ({
        id: row.id,
        actor: row.actor,
        action: row.action,
        target: row.target,
        outcome: row.outcome,
        requestId: row.requestId,
        createdAt: row.createdAt.toISOString(),
      })),
      total,
    };
  }
}
