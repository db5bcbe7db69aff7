import type { Logger } from '@sara/observability';
import type { PrismaClient } from '../generated/prisma/client.js';
import { metrics } from '@sara/observability';
import { queueOutboundMessage } from '../outbound/message-outbox.js';
import type { ProductOfferCatalog } from './product-offer-catalog.js';
import type { RecoverySettingsStore } from './recovery-settings.js';
import { recoverySendWindow } from './send-window.js';
import type { SequenceCatalog } from './sequence-catalog.js';
import { stepTemplate, type TemplateSettings } from './templates.js';
import type { AbandonmentKind } from './commands.js';

/** A step waiting for its time: the worker's delayed job carries exactly this. */
export type PlannedStep = { abandonmentId: string; step: number; attempt: number; dueAt: Date };

export type StepOutcome =
  | { outcome: 'sent'; messageId: string; next: PlannedStep | null }
  | { outcome: 'deferred'; until: Date; reason: 'not_due' | 'quiet_hours' | 'buyer_cap' }
  | { outcome: 'skipped'; reason: string };

/** After Meta's marketing limit a step is tried again a day later, twice at most. */
const MARKETING_LIMIT_RETRIES = 2;
const DAY_MS = 24 * 3600_000;
/** A step is due when its time is at most this far ahead: the scheduler's granularity. */
const DUE_TOLERANCE_MS = 1_000;

/**
 * The follow-ups of a recovery. Each step goes out only if, at its due time, the recovery is
 * still open and untouched (no payment, no reply since the previous step, no opt-out, no one
 * waiting for a person, not closed), outside the buyer's quiet hours and within the buyer's cap.
 * The decision and the message row are one transaction under the abandonment's row lock, and
 * the message's idempotency key names the step and its try: two replicas or a restart racing
 * for one step find one message.
 */
export class RecoveryStepService {
  constructor(
    private readonly db: PrismaClient,
    private readonly deps: { sequences: SequenceCatalog; settings: RecoverySettingsStore; offers: ProductOfferCatalog; templates: TemplateSettings },
  ) {}

  /**
   * Step 1 is the template the abandonment service queued: records it as the first step, says
   * when it may leave (quiet hours, cap, its own delay) and plans step 2.
   */
  async afterFirstTemplate(abandonmentId: string, messageId: string, now: Date): Promise<{ sendAt: Date; next: PlannedStep | null }> {
    const abandonment = await this.db.abandonment.findUniqueOrThrow({ where: { id: abandonmentId }, include: { user: true } });
    const existing = await this.db.recoveryStep.findUnique({ where: { abandonmentId_step: { abandonmentId, step: 1 } } });
    let sendAt = existing?.sentAt ?? undefined;
    if (!sendAt) {
      const [first] = await this.deps.sequences.forKind(abandonment.kind as AbandonmentKind);
      const dueAt = laterOf(now, new Date(abandonment.createdAt.getTime() + (first?.delaySeconds ?? 0) * 1_000));
      const settings = await this.deps.settings.get();
      const window = await recoverySendWindow(
        this.db,
        { userId: abandonment.userId, phone: abandonment.user.phoneNumber, dueAt, exceptMessageId: messageId },
        settings,
      );
      sendAt = window.at;
      if (window.deferredBy) metrics.recoverySteps.inc({ step: '1', outcome: 'deferred', reason: window.deferredBy });
      await this.db.recoveryStep.createMany({
        data: [{ abandonmentId, step: 1, status: 'sent', dueAt, sentAt: sendAt, messageId, reason: window.deferredBy }],
        skipDuplicates: true,
      });
      metrics.recoverySteps.inc({ step: '1', outcome: 'sent', reason: 'none' });
    }
    return { sendAt, next: await this.plan(abandonmentId, 2) };
  }

  async run(planned: Pick<PlannedStep, 'abandonmentId' | 'step' | 'attempt'>, now: Date, logger: Logger): Promise<StepOutcome> {
    // What the shop configured is read before the row lock: it is not part of the decision's
    // race, and a transaction must not wait for a second pool connection.
    const subject = await this.db.abandonment.findUnique({ where: { id: planned.abandonmentId }, select: { kind: true, productId: true } });
    if (!subject) return { outcome: 'skipped', reason: 'stale' };
    const [steps, settings, offer] = await Promise.all([
      this.deps.sequences.forKind(subject.kind as AbandonmentKind),
      this.deps.settings.get(),
      this.deps.offers.find(subject.productId),
    ]);
    const result = await this.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM abandonments WHERE id = ${planned.abandonmentId}::uuid FOR UPDATE`;
      const abandonment = await tx.abandonment.findUnique({
        where: { id: planned.abandonmentId },
        include: { user: true, conversation: true, steps: { orderBy: { step: 'asc' } } },
      });
      const row = abandonment?.steps.find((each) => each.step === planned.step);
      if (!abandonment || !row || row.attempt !== planned.attempt) return { outcome: 'skipped', reason: 'stale' } as const;
      if (row.status === 'sent' && row.messageId) return { outcome: 'sent', messageId: row.messageId, next: null } as const;
      if (row.status !== 'scheduled') return { outcome: 'skipped', reason: row.reason ?? 'skipped' } as const;

      const previous = abandonment.steps.find((each) => each.step === planned.step - 1);
      const blocked = whyNot(abandonment, previous?.sentAt ?? null);
      const definition = steps[planned.step - 1];
      const skip = blocked ?? (definition ? null : 'sequence_changed');
      if (skip || !definition) {
        await tx.recoveryStep.update({ where: { id: row.id }, data: { status: 'skipped', reason: skip } });
        return { outcome: 'skipped', reason: skip ?? 'sequence_changed' } as const;
      }

      // A try after a marketing limit keeps its own time; otherwise the (possibly edited) sequence says.
      const dueAt = planned.attempt > 1 ? row.dueAt : new Date(abandonment.createdAt.getTime() + definition.delaySeconds * 1_000);
      const window = await recoverySendWindow(tx, { userId: abandonment.userId, phone: abandonment.user.phoneNumber, dueAt: laterOf(now, dueAt) }, settings);
      if (window.at.getTime() - now.getTime() > DUE_TOLERANCE_MS) {
        const reason = window.deferredBy ?? 'not_due';
        await tx.recoveryStep.update({ where: { id: row.id }, data: { dueAt: window.at, reason } });
        return { outcome: 'deferred', until: window.at, reason } as const;
      }

      const message = await queueOutboundMessage(tx, {
        conversationId: abandonment.conversation!.id,
        idempotencyKey: `recovery-step:${abandonment.id}:${planned.step}:${planned.attempt}`,
        content: stepTemplate(this.deps.templates, abandonment.kind as AbandonmentKind, definition.template, {
          name: abandonment.user.name,
          productName: offer?.productName ?? abandonment.productName ?? abandonment.productId,
          paymentLink:
            (abandonment.kind === 'pix_generated' || abandonment.kind === 'boleto_printed' ? abandonment.paymentLink : offer?.paymentLink) ??
            abandonment.paymentLink ??
            '',
        }),
        intent: 'recovery_step',
        sequenceStep: planned.step,
      });
      await tx.recoveryStep.update({ where: { id: row.id }, data: { status: 'sent', sentAt: now, messageId: message.id, reason: null } });
      return { outcome: 'sent', messageId: message.id, next: null } as const;
    });

    metrics.recoverySteps.inc({ step: String(planned.step), outcome: result.outcome, reason: 'reason' in result ? result.reason : 'none' });
    if (result.outcome !== 'sent') {
      logger.info({ abandonmentId: planned.abandonmentId, step: planned.step, ...result }, `follow-up ${result.outcome}`);
      return result;
    }
    return { ...result, next: await this.plan(planned.abandonmentId, planned.step + 1) };
  }

  /** The next step's row, written once; null when the sequence has no such step. */
  private async plan(abandonmentId: string, step: number): Promise<PlannedStep | null> {
    const abandonment = await this.db.abandonment.findUniqueOrThrow({ where: { id: abandonmentId }, select: { kind: true, createdAt: true, cohort: true } });
    if (abandonment.cohort === 'control') return null;
    const definition = (await this.deps.sequences.forKind(abandonment.kind as AbandonmentKind))[step - 1];
    if (!definition) return null;
    const dueAt = new Date(abandonment.createdAt.getTime() + definition.delaySeconds * 1_000);
    await this.db.recoveryStep.createMany({ data: [{ abandonmentId, step, dueAt }], skipDuplicates: true });
    const row = await this.db.recoveryStep.findUniqueOrThrow({ where: { abandonmentId_step: { abandonmentId, step } } });
    return row.status === 'scheduled' ? { abandonmentId, step, attempt: row.attempt, dueAt: row.dueAt } : null;
  }
}

/**
 * Meta's per-user marketing limit (131049) refused a step's template: the step is tried again at
 * least 24 h later, twice at most, then skipped with its reason. Never the same day.
 */
export async function rescheduleAfterMarketingLimit(db: PrismaClient, messageId: string, now: Date): Promise<PlannedStep | null> {
  const row = await db.recoveryStep.findFirst({ where: { messageId, status: 'sent' } });
  if (!row) return null;
  if (row.attempt > MARKETING_LIMIT_RETRIES) {
    await db.recoveryStep.update({ where: { id: row.id }, data: { status: 'skipped', reason: 'marketing_limit' } });
    metrics.recoverySteps.inc({ step: String(row.step), outcome: 'skipped', reason: 'marketing_limit' });
    return null;
  }
  const dueAt = new Date(now.getTime() + DAY_MS);
  const updated = await db.recoveryStep.updateMany({
    where: { id: row.id, attempt: row.attempt, status: 'sent' },
    data: { status: 'scheduled', attempt: row.attempt + 1, dueAt, sentAt: null, messageId: null, reason: 'marketing_limit' },
  });
  if (updated.count === 0) return null;
  metrics.recoverySteps.inc({ step: String(row.step), outcome: 'deferred', reason: 'marketing_limit' });
  return { abandonmentId: row.abandonmentId, step: row.step, attempt: row.attempt + 1, dueAt };
}

type Guarded = {
  status: string;
  cohort: string;
  user: { optedOut: boolean };
  conversation: {
    status: string;
    closedReason: string | null;
    needsHumanReason: string | null;
    handledById: string | null;
    lastUserMessageAt: Date | null;
  } | null;
};

/** Why a step must not go out now; null when the recovery is still open and untouched. */
function whyNot(abandonment: Guarded, previousSentAt: Date | null): string | null {
  const { conversation } = abandonment;
  if (abandonment.cohort === 'control') return 'control';
  if (abandonment.status === 'converted') return 'paid';
  if (abandonment.user.optedOut || conversation?.closedReason === 'opted_out') return 'opted_out';
  if (!conversation) return 'no_conversation';
  if (conversation.status === 'closed') return `closed:${conversation.closedReason ?? 'unknown'}`.slice(0, 50);
  if (abandonment.status === 'declined') return 'declined';
  // A reply hands the buyer to the conversation: no template interrupts it. Meta stamps messages
  // to the second, so the previous step's time is compared at that precision.
  const since = previousSentAt ? Math.floor(previousSentAt.getTime() / 1_000) * 1_000 : 0;
  if (conversation.lastUserMessageAt && conversation.lastUserMessageAt.getTime() >= since) return 'buyer_replied';
  if (conversation.needsHumanReason) return 'needs_human';
  if (conversation.handledById) return 'operator';
  return null;
}

function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
