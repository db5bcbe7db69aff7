import type { PrismaClientOrTransaction } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';

/** One admin action as recorded: who, what, on what, and the HTTP status it ended with. */
export type AuditEntry = { actor: string; action: string; target: string | null; outcome: number; requestId: string | null };
export type AuditEventView = AuditEntry & { id: string; createdAt: string; actorName: string | null };

/** `action` exact, or every action under a prefix ending in a dot ("console."); createdAt in [from, to). */
export type AuditQuery = { action?: string; actor?: string; from?: Date; to?: Date; limit: number; offset: number };

const OPERATOR_ACTOR = /^operator:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

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

  /**
   * Newest first; ties (same millisecond) broken by id so pages never overlap. An operator's
   * row carries their name as it is now (the trail keeps only the id, which never changes).
   */
  async list(query: AuditQuery): Promise<{ events: AuditEventView[]; total: number }> {
    const where: Prisma.AuditEventWhereInput = {
      ...(query.action ? { action: query.action.endsWith('.') ? { startsWith: query.action } : query.action } : {}),
      ...(query.actor ? { actor: query.actor } : {}),
      ...(query.from || query.to ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) } } : {}),
    };
    const [rows, total] = await Promise.all([
      this.db.auditEvent.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: query.offset, take: query.limit }),
      this.db.auditEvent.count({ where }),
    ]);
    const operatorIds = [...new Set(rows.flatMap((row) => OPERATOR_ACTOR.exec(row.actor)?.[1] ?? []))];
    const operators = operatorIds.length ? await this.db.operator.findMany({ where: { id: { in: operatorIds } }, select: { id: true, name: true } }) : [];
    const names = new Map(operators.map((operator) => [operator.id, operator.name]));
    return {
      events: rows.map((row) => ({
        id: row.id,
        actor: row.actor,
        actorName: names.get(OPERATOR_ACTOR.exec(row.actor)?.[1] ?? '') ?? null,
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
