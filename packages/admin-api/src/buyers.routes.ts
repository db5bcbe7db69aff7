import { AppError, BuyerDataRepository, eraseBuyer, type PrismaClient } from '@sara/domain';
import { QueueInspector } from '@sara/jobs';
import type { Logger } from '@sara/observability';
import { Router } from 'express';
import type { Redis } from 'ioredis';

export type BuyersAdminDeps = {
  prisma: PrismaClient;
  redis: Redis;
  queuePrefix: string;
  erasureHashKey: string;
  logger: Logger;
  /**
   * The phone reader of the abandonment webhook (@sara/gateways' normalizePhone), E.164 or null:
   * passed in, because a checkout platform's adapter package is no layer for admin routes.
   */
  readPhone: (raw: string) => string | null;
  /** Drops what the sandbox transport kept for this number (@sara/whatsapp's sandbox). */
  forgetSandboxMessages: (phone: string) => Promise<number>;
};

/**
 * A buyer's LGPD rights (art. 18): a copy of everything Sara holds, and erasure. Mounted behind
 * the admin token. The phone in the path is kept out of every log line (@sara/http's request log takes each app's redactPath).
 */
export function buyersAdminRoutes(deps: BuyersAdminDeps): Router {
  const router = Router();
  const buyers = new BuyerDataRepository(deps.prisma);
  // A phone Sara could never hold is a 404, not a 400: the answer says nothing about the number.
  const phoneOf = (raw: string): string => {
    const phone = deps.readPhone(raw);
    if (!phone) throw new AppError('BUYER_NOT_FOUND', 'Sara holds no data about this buyer', { status: 404 });
    return phone;
  };

  router.get('/buyers/:phone', async (req, res) => {
    res.json(await buyers.export(phoneOf(req.params.phone)));
  });

  router.delete('/buyers/:phone', async (req, res) => {
    const phone = phoneOf(req.params.phone);
    const erasure = await eraseBuyer(deps.prisma, phone, deps.erasureHashKey);
    // After the commit, best effort: Postgres no longer knows the buyer whatever Redis says.
    const redis = await clearRedis(deps, phone, erasure.jobIds);
    res.json({ status: 'erased', erased: { ...erasure.erased, ...redis }, tombstone: erasure.tombstone });
  });
  return router;
}

async function clearRedis(deps: BuyersAdminDeps, phone: string, jobIds: string[]): Promise<{ jobs: number | null; sandboxMessages: number | null }> {
  const inspector = new QueueInspector(deps.redis, deps.queuePrefix);
  const result: { jobs: number | null; sandboxMessages: number | null } = { jobs: null, sandboxMessages: null };
  try {
    result.jobs = await inspector.removeJobs(jobIds);
    result.sandboxMessages = await deps.forgetSandboxMessages(phone);
  } catch (error) {
    // Never the phone: the job ids and the cause are enough to finish the cleanup by hand.
    deps.logger.warn({ err: { message: (error as Error).message }, jobIds: jobIds.length }, 'buyer erased in Postgres; Redis cleanup incomplete');
  } finally {
    await inspector.close().catch(() => {});
  }
  return result;
}
