import type { PrismaClientOrTransaction } from '../client.js';
import type { AbandonmentKind } from './commands.js';
import type { PlannedStep } from './recovery-step.service.js';
import type { SequenceStep } from './sequence-catalog.js';

/**
 * A sequence edit applies to the steps not yet sent: each planned first try of this kind moves
 * to the new delay, counted from its abandonment as always. Returns the moved steps, whose
 * waking jobs the caller moves too. A step the new sequence no longer has keeps its time and is
 * skipped when it wakes.
 */
export async function replanAfterSequenceEdit(db: PrismaClientOrTransaction, kind: AbandonmentKind, steps: SequenceStep[]): Promise<PlannedStep[]> {
  const numbers = steps.map((_, index) => index + 1);
  const delays = steps.map((step) => step.delaySeconds);
  const moved = await db.$queryRaw<{ abandonment_id: string; step: number; attempt: number; due_at: Date }[]>`
    UPDATE recovery_steps s
    SET due_at = a.created_at + d.delay * interval '1 second', updated_at = now()
    FROM abandonments a, unnest(${numbers}::int[], ${delays}::int[]) AS d(step, delay)
    WHERE s.abandonment_id = a.id AND a.kind = ${kind} AND s.status = 'scheduled' AND s.attempt = 1 AND s.step = d.step
      AND s.due_at IS DISTINCT FROM a.created_at + d.delay * interval '1 second'
    RETURNING s.abandonment_id, s.step, s.attempt, s.due_at`;
  return moved.map((row) => ({ abandonmentId: row.abandonment_id, step: row.step, attempt: row.attempt, dueAt: row.due_at }));
}
