import { z } from 'zod';
import type { PrismaClientOrTransaction } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { ABANDONMENT_KINDS, type AbandonmentKind } from './commands.js';
import type { TemplateSettings } from './templates.js';

export type SequenceStep = { delaySeconds: number; template: string };

export const MAX_SEQUENCE_STEPS = 5;
const MAX_DELAY_SECONDS = 7 * 24 * 3600;
const HOUR = 3600;

/** Meta's template names: lower-case letters, digits and underscores. */
export const ZSequenceSteps = z
  .array(
    z.strictObject({
      delaySeconds: z.number().int('must be a whole number of seconds').min(0, 'must be 0 or more').max(MAX_DELAY_SECONDS, 'must be at most 7 days (604800 s)'),
      template: z.string().regex(/^[a-z0-9_]{1,512}$/, 'must be an approved template name (a-z, 0-9, _)'),
    }),
  )
  .min(1, 'needs at least 1 step')
  .max(MAX_SEQUENCE_STEPS, `has at most ${MAX_SEQUENCE_STEPS} steps`)
  .superRefine((steps, context) => {
    steps.forEach((step, index) => {
      const previous = steps[index - 1];
      if (previous && step.delaySeconds <= previous.delaySeconds) {
        context.addIssue({ code: 'custom', path: [index, 'delaySeconds'], message: 'must be later than the step before (delays strictly increasing)' });
      }
    });
  });

/**
 * What a shop gets before it sets anything. Step 1 is the template Sara always sent. A cart is
 * followed up after 1 h and 24 h, the three-touch cadence merchants compare us with (WATI's
 * 15 min is covered by the platforms' own abandonment delay); at 24 h the first template has left
 * the default cap of two marketing templates a day, so the third is not held back. A pending Pix usually expires
 * within hours: one reminder at 2 h. A boleto is payable for about three days: reminders at
 * 24 h and 48 h. An expired Pix or boleto gets one more nudge a day later.
 */
export function defaultSequences(templates: TemplateSettings): Record<AbandonmentKind, SequenceStep[]> {
  return {
    cart: sequence(templates.abandonment, [1, 'lembrete'], [24, 'ultima_chance']),
    pix_generated: sequence(templates.paymentPending, [2, 'lembrete']),
    boleto_printed: sequence(templates.paymentPending, [24, 'lembrete'], [48, 'ultimo_dia']),
    pix_expired: sequence(templates.paymentExpired, [24, 'lembrete']),
    boleto_expired: sequence(templates.paymentExpired, [24, 'lembrete']),
  };
}

/** Step 1 at once with the kind's first template; each follow-up `hours` later, named after it. */
function sequence(first: string, ...followUps: [hours: number, suffix: string][]): SequenceStep[] {
  return [{ delaySeconds: 0, template: first }, ...followUps.map(([hours, suffix]) => ({ delaySeconds: hours * HOUR, template: `${first}_${suffix}` }))];
}

export type SequenceView = { kind: AbandonmentKind; steps: SequenceStep[]; custom: boolean };

/** The sequence of each abandonment kind: the shop's own row, or the default. */
export class SequenceCatalog {
  private readonly defaults: Record<AbandonmentKind, SequenceStep[]>;

  constructor(
    private readonly db: PrismaClientOrTransaction,
    templates: TemplateSettings,
  ) {
    this.defaults = defaultSequences(templates);
  }

  async forKind(kind: AbandonmentKind): Promise<SequenceStep[]> {
    const row = await this.db.recoverySequence.findUnique({ where: { kind } });
    const stored = row ? ZSequenceSteps.safeParse(row.steps) : undefined;
    return stored?.success ? stored.data : this.defaults[kind];
  }

  async list(): Promise<SequenceView[]> {
    const rows = new Map((await this.db.recoverySequence.findMany()).map((row) => [row.kind, ZSequenceSteps.safeParse(row.steps)]));
    return ABANDONMENT_KINDS.map((kind) => {
      const stored = rows.get(kind);
      return stored?.success ? { kind, steps: stored.data, custom: true } : { kind, steps: this.defaults[kind], custom: false };
    });
  }

  /** Replaces a kind's steps; steps already sent stay sent, the next ones follow the new list. */
  async put(kind: AbandonmentKind, steps: SequenceStep[]): Promise<SequenceView> {
    const parsed = ZSequenceSteps.parse(steps);
    const json = parsed as unknown as Prisma.InputJsonValue;
    await this.db.recoverySequence.upsert({ where: { kind }, create: { kind, steps: json }, update: { steps: json } });
    return { kind, steps: parsed, custom: true };
  }

  /** Back to the shipped default: the shop's row goes, so a later change of the defaults applies. */
  async reset(kind: AbandonmentKind): Promise<SequenceView> {
    await this.db.recoverySequence.deleteMany({ where: { kind } });
    return { kind, steps: this.defaults[kind], custom: false };
  }
}
