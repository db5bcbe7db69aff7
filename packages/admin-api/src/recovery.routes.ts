import {
  ABANDONMENT_KINDS,
  AppError,
  isTimeZone,
  replanAfterSequenceEdit,
  type PrismaClient,
  type RecoverySettingsStore,
  type RecoverySettingsView,
  type SequenceCatalog,
  type SequenceStep,
} from '@sara/domain';
import { validate } from '@sara/http';
import type { RecoveryStepQueue } from '@sara/jobs';
import express, { Router, type Request } from 'express';
import { body, matchedData, param } from 'express-validator';
import type { SequenceAnswer, SequenceListAnswer, SettingsAnswer } from './answers.js';
import { noAudit, type AuditHook } from './mount.js';

const KINDS = ABANDONMENT_KINDS;
const MAX_DELAY_SECONDS = 7 * 24 * 3600;
const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const SETTINGS_FIELDS = new Set(['quietHours', 'timezone', 'maxTemplatesPerBuyerPer24h', 'holdoutPercent']);

const kindRule = param('kind')
  .isIn(KINDS)
  .withMessage(`must be one of ${KINDS.join(', ')}`);

const sequenceRules = [
  kindRule,
  body().isObject().withMessage('must be a JSON object {steps: [...]}'),
  body('steps').isArray({ min: 1, max: 5 }).withMessage('must be a list of 1 to 5 steps'),
  body('steps.*').isObject().withMessage('must be an object {delaySeconds, template}'),
  body('steps.*.delaySeconds')
    .isInt({ min: 0, max: MAX_DELAY_SECONDS })
    .withMessage(`must be a whole number of seconds from 0 to ${MAX_DELAY_SECONDS} (7 days)`)
    .bail()
    .custom((value: number, { req, path }) => {
      const index = Number(/\[(\d+)\]/.exec(path)?.[1]);
      const previous = (req.body as { steps: { delaySeconds?: unknown }[] }).steps[index - 1];
      return index === 0 || (typeof previous?.delaySeconds === 'number' && value > previous.delaySeconds);
    })
    .withMessage('must be later than the step before (delays strictly increasing)'),
  body('steps.*.template')
    .isString()
    .withMessage('must be a string')
    .bail()
    .matches(/^[a-z0-9_]{1,512}$/)
    .withMessage('must be an approved template name (a-z, 0-9, _)'),
];

const settingsRules = [
  body().isObject().withMessage('must be a JSON object'),
  body('*')
    .custom((_value, { path }) => SETTINGS_FIELDS.has(path))
    .withMessage(`is not a setting (settings: ${[...SETTINGS_FIELDS].join(', ')})`),
  body('quietHours')
    .optional()
    .custom((value: unknown) => {
      if (value === null) return true;
      const window = value as { start?: unknown; end?: unknown };
      return (
        typeof value === 'object' &&
        Object.keys(window).every((key) => key === 'start' || key === 'end') &&
        typeof window.start === 'string' &&
        typeof window.end === 'string' &&
        CLOCK.test(window.start) &&
        CLOCK.test(window.end) &&
        window.start !== window.end
      );
    })
    .withMessage('must be null or {start: "HH:MM", end: "HH:MM"} with start and end different'),
  body('timezone')
    .optional()
    .isString()
    .withMessage('must be a string')
    .bail()
    .custom(isTimeZone)
    .withMessage('must be an IANA time zone such as America/Sao_Paulo'),
  body('maxTemplatesPerBuyerPer24h').optional().isInt({ min: 1, max: 10 }).withMessage('must be a whole number from 1 to 10').toInt(),
  body('holdoutPercent').optional().isInt({ min: 0, max: 50 }).withMessage('must be a whole number from 0 to 50').toInt(),
];

/**
 * The shop's follow-up sequences and its recovery settings (quiet hours, the buyer's cap, the
 * holdout group). Writes go to Postgres, which every worker reads at each step. Mounted behind
 * the admin token (ingress) or an admin session (console).
 */
export function recoveryAdminRoutes(deps: {
  sequences: SequenceCatalog;
  settings: RecoverySettingsStore;
  /** Where an edit moves the steps not yet sent. */
  replan: { prisma: PrismaClient; steps: RecoveryStepQueue };
  audit?: AuditHook;
}): Router {
  const router = Router();
  const audit = deps.audit ?? noAudit;
  const kindOf = (req: Request) => (typeof req.params.kind === 'string' ? req.params.kind : null);

  /**
   * An edit applies to the steps not yet sent. The rows take the new times first; a job that
   * cannot be moved now (Redis away) wakes at its old time, finds the step not due and waits
   * again, so a hiccup costs nothing.
   */
  const replan = async (kind: (typeof KINDS)[number], steps: SequenceStep[]) => {
    const moved = await replanAfterSequenceEdit(deps.replan.prisma, kind, steps);
    await Promise.allSettled(moved.map((step) => deps.replan.steps.reschedule(step)));
  };

  router.get('/sequences', async (_req, res) => {
    const answer: SequenceListAnswer = { sequences: await deps.sequences.list() };
    res.json(answer);
  });

  router.put('/sequences/:kind', audit('sequences.put', kindOf), express.json({ limit: '64kb' }), validate(sequenceRules), async (req, res) => {
    const { steps } = matchedData(req, { locations: ['body'] }) as { steps: SequenceStep[] };
    const kind = req.params.kind as (typeof KINDS)[number];
    const stored = await deps.sequences.put(
      kind,
      steps.map(({ delaySeconds, template }) => ({ delaySeconds: Number(delaySeconds), template })),
    );
    await replan(kind, stored.steps);
    const answer: SequenceAnswer = stored;
    res.json(answer);
  });

  // What the demo uses to leave a shop as it found it; also the console's "voltar ao padrão".
  router.delete('/sequences/:kind', audit('sequences.delete', kindOf), validate([kindRule]), async (req, res) => {
    const kind = req.params.kind as (typeof KINDS)[number];
    const restored = await deps.sequences.reset(kind);
    await replan(kind, restored.steps);
    const answer: SequenceAnswer = restored;
    res.json(answer);
  });

  router.get('/settings', async (_req, res) => {
    const answer: SettingsAnswer = await deps.settings.get();
    res.json(answer);
  });

  router.put(
    '/settings',
    audit('settings.put', () => null),
    express.json({ limit: '16kb' }),
    validate(settingsRules),
    async (req, res) => {
      const change = req.body as Partial<RecoverySettingsView>;
      if (Object.keys(change).length === 0) throw new AppError('VALIDATION_ERROR', 'Nothing to change', { status: 400, details: { reason: 'empty' } });
      const data = matchedData(req, { locations: ['body'] }) as Partial<RecoverySettingsView>;
      const update: Partial<RecoverySettingsView> = {
        ...(data.timezone === undefined ? {} : { timezone: data.timezone }),
        ...(data.maxTemplatesPerBuyerPer24h === undefined ? {} : { maxTemplatesPerBuyerPer24h: data.maxTemplatesPerBuyerPer24h }),
        ...(data.holdoutPercent === undefined ? {} : { holdoutPercent: data.holdoutPercent }),
        ...('quietHours' in change ? { quietHours: change.quietHours ? { start: change.quietHours.start, end: change.quietHours.end } : null } : {}),
      };
      const answer: SettingsAnswer = await deps.settings.update(update);
      res.json(answer);
    },
  );

  return router;
}
