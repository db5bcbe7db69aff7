import { describe, expect, it } from 'vitest';
import { createLogger } from '@sara/observability';
import { createTestPrisma } from '../../../../test/support/database.js';
import { applyDeliveryStatus, StatusAheadOfSend } from './delivery-status.js';

const prisma = createTestPrisma();
const logger = createLogger({ service: 'test', level: 'silent' });

describe('applyDeliveryStatus for a wamid Sara has not recorded', () => {
  it('asks for a retry while the status is fresh (the send may not have recorded its wamid yet)', async () => {
    await expect(
      applyDeliveryStatus(prisma, { kind: 'status', wamid: 'wamid.not-yet', status: 'sent', at: new Date(), errorCode: undefined }, logger),
    ).rejects.toBeInstanceOf(StatusAheadOfSend);
  });

  it('ignores an old one: a message Sara never sent', async () => {
    await expect(
      applyDeliveryStatus(
        prisma,
        { kind: 'status', wamid: 'wamid.never', status: 'read', at: new Date(Date.now() - 10 * 60_000), errorCode: undefined },
        logger,
      ),
    ).resolves.toBeUndefined();
    await prisma.$disconnect();
  });
});
