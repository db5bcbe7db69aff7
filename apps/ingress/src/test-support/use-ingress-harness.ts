import { afterAll, beforeEach } from 'vitest';
import { truncateAll } from '../../../../test/support/database.js';
import { createIngressHarness, type IngressHarness } from './ingress-harness.js';
import { clearQueues } from './requests.js';

/**
 * The real app for one test file: every test starts with no log rows and no queued jobs, so
 * counts assert what that test did, and the connections close after the last test.
 */
export function useIngressHarness(options?: Parameters<typeof createIngressHarness>[0]): IngressHarness {
  const harness = createIngressHarness(options);
  beforeEach(async () => {
    await truncateAll(harness.prisma);
    await clearQueues(harness.redis, harness.prefix);
  });
  afterAll(() => harness.close());
  return harness;
}
