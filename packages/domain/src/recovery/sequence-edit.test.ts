import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestPrisma, truncateAll } from '../../../../test/support/database.js';
import { replanAfterSequenceEdit } from './sequence-edit.js';

const prisma = createTestPrisma();
const t0 = new Date('2026-12-03T12:00:00.000Z');

beforeEach(async () => {
  await truncateAll(prisma);
});
afterAll(async () => {
  await prisma.$disconnect();
});

async function abandonmentWith(kind: string, steps: { step: number; status?: string; attempt?: number; dueAt: Date }[]): Promise<string> {
  const user = await prisma.user.create({ data: { phoneNumber: `+55119${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, name: 'Ana' } });
  const abandonment = await prisma.abandonment.create({ data: { userId: user.id, externalId: randomUUID(), productId: 'p', kind, createdAt: t0 } });
  for (const step of steps) await prisma.recoveryStep.create({ data: { abandonmentId: abandonment.id, ...step } });
  return abandonment.id;
}

const at = (seconds: number) => new Date(t0.getTime() + seconds * 1_000);

describe('replanAfterSequenceEdit', () => {
  it('moves the planned first tries of that kind to the new delays, and nothing else', async () => {
    const planned = await abandonmentWith('cart', [
      { step: 1, status: 'sent', dueAt: at(0) },
      { step: 2, dueAt: at(3_600) },
    ]);
    const retried = await abandonmentWith('cart', [{ step: 2, attempt: 2, dueAt: at(90_000) }]);
    const skipped = await abandonmentWith('cart', [{ step: 2, status: 'skipped', dueAt: at(3_600) }]);
    const otherKind = await abandonmentWith('pix_generated', [{ step: 2, dueAt: at(7_200) }]);

    const moved = await replanAfterSequenceEdit(prisma, 'cart', [
      { delaySeconds: 0, template: 'a' },
      { delaySeconds: 600, template: 'b' },
    ]);

    expect(moved).toEqual([{ abandonmentId: planned, step: 2, attempt: 1, dueAt: at(600) }]);
    const dueOf = async (abandonmentId: string) => (await prisma.recoveryStep.findFirstOrThrow({ where: { abandonmentId, step: 2 } })).dueAt;
    expect(await dueOf(planned)).toEqual(at(600));
    // A try after Meta's marketing limit keeps its day-later time; a decided step stays decided.
    expect(await dueOf(retried)).toEqual(at(90_000));
    expect(await dueOf(skipped)).toEqual(at(3_600));
    expect(await dueOf(otherKind)).toEqual(at(7_200));
    expect(
      await replanAfterSequenceEdit(prisma, 'cart', [
        { delaySeconds: 0, template: 'a' },
        { delaySeconds: 600, template: 'b' },
      ]),
    ).toEqual([]);
  });
});
