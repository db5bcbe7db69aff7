import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { AbandonmentService } from './abandonment.service.js';
import type { AbandonmentCommand } from './commands.js';
import { ProductOfferCatalog } from './product-offer-catalog.js';
import { RecoverySettingsStore, type RecoverySettingsView } from './recovery-settings.js';
import { rescheduleAfterMarketingLimit, RecoveryStepService } from './recovery-step.service.js';
import { SequenceCatalog } from './sequence-catalog.js';
import { cart, logger, matching, templates, useTestDatabase } from '../test-support/recovery-fixture.js';

const prisma = useTestDatabase();
const defaults: RecoverySettingsView = { quietHours: null, timezone: 'America/Sao_Paulo', maxTemplatesPerBuyerPer24h: 5, holdoutPercent: 0 };
const offers = new ProductOfferCatalog(prisma);
const sequences = new SequenceCatalog(prisma, templates);
const settings = new RecoverySettingsStore(prisma, defaults);
const steps = new RecoveryStepService(prisma, { sequences, settings, offers, templates });
const abandonments = new AbandonmentService(prisma, offers, templates, matching);

beforeEach(async () => {
  await sequences.put('cart', [
    { delaySeconds: 0, template: 'abandono' },
    { delaySeconds: 60, template: 'abandono_lembrete' },
    { delaySeconds: 120, template: 'abandono_fim' },
  ]);
});

/** A recovery whose first template went out at `at`; returns its row id and step 2 as planned. */
async function started(at: Date, overrides: Partial<AbandonmentCommand> = {}) {
  const result = await abandonments.start(cart({ abandonmentId: `ab_${randomUUID()}`, ...overrides }), logger);
  if (result.outcome !== 'template_queued') throw new Error(`not started: ${result.outcome}`);
  await prisma.abandonment.update({ where: { id: result.abandonmentId }, data: { createdAt: at } });
  const { next } = await steps.afterFirstTemplate(result.abandonmentId, result.messageId, at);
  return { ...result, next: next! };
}

const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1_000);

describe('RecoveryStepService', () => {
  it('plans step 2 from the abandonment, waits until it is due, then queues its template once', async () => {
    const t0 = new Date(Date.now() - 3_600_000);
    const recovery = await started(t0);
    expect(recovery.next).toMatchObject({ step: 2, attempt: 1, dueAt: later(t0, 60) });

    expect(await steps.run(recovery.next, later(t0, 30), logger)).toEqual({ outcome: 'deferred', until: later(t0, 60), reason: 'not_due' });
    const sent = await steps.run(recovery.next, later(t0, 60), logger);
    expect(sent).toMatchObject({ outcome: 'sent', next: { step: 3, dueAt: later(t0, 120) } });
    const message = await prisma.message.findFirstOrThrow({ where: { sequenceStep: 2 } });
    expect(message).toMatchObject({ intent: 'recovery_step', messageType: 'template', status: 'queued' });
    expect((message.metadata as { outbound: { name: string; bodyParameters: string[] } }).outbound).toMatchObject({
      name: 'abandono_lembrete',
      bodyParameters: ['Bia', 'curso', 'https://pay.example.com/curso'],
    });
  });

  it('writes one message when replicas and a restart run the same step at once', async () => {
    const t0 = new Date(Date.now() - 3_600_000);
    const recovery = await started(t0);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => steps.run(recovery.next, later(t0, 61), logger)));
    const ids = new Set(outcomes.map((outcome) => (outcome.outcome === 'sent' ? outcome.messageId : outcome.outcome)));
    expect(ids.size).toBe(1);
    expect(await prisma.message.count({ where: { sequenceStep: 2 } })).toBe(1);
    // A restart that runs the job again after it committed finds the step sent, not a new one.
    expect(await steps.run(recovery.next, later(t0, 90), logger)).toMatchObject({ outcome: 'sent', messageId: [...ids][0] });
    expect(await prisma.message.count({ where: { sequenceStep: 2 } })).toBe(1);
  });

  it.each([
    ['paid', async (id: string) => prisma.abandonment.update({ where: { id }, data: { status: 'converted' } })],
    ['opted_out', async (id: string) => prisma.user.updateMany({ where: { abandonments: { some: { id } } }, data: { optedOut: true } })],
    [
      'needs_human',
      async (id: string) =>
        prisma.conversation.updateMany({ where: { abandonmentId: id }, data: { needsHumanReason: 'unknown_question', needsHumanAt: new Date() } }),
    ],
    [
      'closed:manual_close',
      async (id: string) => prisma.conversation.updateMany({ where: { abandonmentId: id }, data: { status: 'closed', closedReason: 'manual_close' } }),
    ],
  ])('skips a step when the recovery is no longer open: %s', async (reason, touch) => {
    const t0 = new Date(Date.now() - 3_600_000);
    const recovery = await started(t0);
    await touch(recovery.abandonmentId);
    expect(await steps.run(recovery.next, later(t0, 60), logger)).toEqual({ outcome: 'skipped', reason });
    expect(await prisma.recoveryStep.findFirstOrThrow({ where: { step: 2 } })).toMatchObject({ status: 'skipped', reason });
    expect(await prisma.message.count({ where: { sequenceStep: 2 } })).toBe(0);
  });

  it('skips a step the buyer answered before, and one the sequence no longer has', async () => {
    const t0 = new Date(Date.now() - 3_600_000);
    const replied = await started(t0);
    await prisma.conversation.update({ where: { id: replied.conversationId }, data: { lastUserMessageAt: later(t0, 10) } });
    expect(await steps.run(replied.next, later(t0, 60), logger)).toEqual({ outcome: 'skipped', reason: 'buyer_replied' });

    const shortened = await started(t0, { phone: '+5511987652222' });
    await sequences.put('cart', [{ delaySeconds: 0, template: 'abandono' }]);
    expect(await steps.run(shortened.next, later(t0, 60), logger)).toEqual({ outcome: 'skipped', reason: 'sequence_changed' });
  });

  it('defers a step to the end of the buyer’s quiet hours and past the buyer’s cap, never dropping it', async () => {
    // 02:00 in São Paulo (UTC−3) is inside 22:00–08:00, which ends at 11:00 UTC.
    const t0 = new Date('2026-12-03T05:00:00.000Z');
    const recovery = await started(t0);
    await settings.update({ quietHours: { start: '22:00', end: '08:00' } });
    expect(await steps.run(recovery.next, later(t0, 60), logger)).toEqual({
      outcome: 'deferred',
      until: new Date('2026-12-03T11:00:00.000Z'),
      reason: 'quiet_hours',
    });
    // Manaus (92) is an hour behind: its 08:00 is 12:00 UTC.
    const manaus = await started(t0, { phone: '+5592987653333' });
    expect(await steps.run(manaus.next, later(t0, 60), logger)).toMatchObject({ until: new Date('2026-12-03T12:00:00.000Z'), reason: 'quiet_hours' });

    await settings.update({ quietHours: null, maxTemplatesPerBuyerPer24h: 1 });
    const capped = await started(t0, { phone: '+5511987654444' });
    expect(await steps.run(capped.next, later(t0, 60), logger)).toEqual({ outcome: 'deferred', until: later(t0, 24 * 3600), reason: 'buyer_cap' });
  });

  it('tries a step refused by the marketing limit again a day later, twice, then skips it', async () => {
    const t0 = new Date(Date.now() - 3_600_000);
    const recovery = await started(t0);
    let messageId = recovery.messageId;
    for (const attempt of [2, 3]) {
      const now = new Date();
      const planned = await rescheduleAfterMarketingLimit(prisma, messageId, now);
      expect(planned).toMatchObject({ step: 1, attempt, dueAt: later(now, 24 * 3600) });
      const retried = await steps.run(planned!, planned!.dueAt, logger);
      if (retried.outcome !== 'sent') throw new Error(`not sent: ${retried.outcome}`);
      messageId = retried.messageId;
    }
    expect(await rescheduleAfterMarketingLimit(prisma, messageId, new Date())).toBeNull();
    expect(await prisma.recoveryStep.findFirstOrThrow({ where: { step: 1 } })).toMatchObject({ status: 'skipped', reason: 'marketing_limit', attempt: 3 });
  });
});
