import { AppError, BuyerDataRepository, eraseBuyer, type PrismaClient } from '@sara/domain';
import { normalizePhone } from '@sara/gateways';
import { QueueInspector } from '@sara/jobs';
import type { Logger } from '@sara/observability';
import { deleteSandboxMessagesTo } from '@sara/whatsapp';
import { Router } from 'express';
import type { Redis } from 'ioredis';

export type BuyersAdminDeps = { prisma: PrismaClient; redis: Redis; queuePrefix: string; erasureHashKey: string; logger: Logger };

/** The buyer's phone as the abandonment webhook reads it; a phone Sara could never hold is a 404, not a 400. */
function phoneOf(raw: string): string {
  const phone = normalizePhone(raw);
  if (!phone.ok) throw new AppError('BUYER_NOT_FOUND', 'Sara holds no data about this buyer', { status: 404 });
  return phone.e164;
}

/**
 * A buyer's LGPD rights (art. 18): a copy of everything Sara holds, and erasure. Mounted behind
 * the admin token. The phone in the path is kept out of every log line (@sara/http, redactPath in http/ingress-logging.ts).
 */
export function buyersAdminRoutes(deps: BuyersAdminDeps): Router {
  const router = Router();
  const buyers = new BuyerDataRepository(deps.prisma);

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
    result.sandboxMessages = await deleteSandboxMessagesTo(deps.redis, deps.queuePrefix, phone);
  } catch (error) {
    // Never the phone: the job ids and the cause are enough to finish the cleanup by hand.
    deps.logger.warn({ err: { message: (error as Error).message }, jobIds: jobIds.length }, 'buyer erased in Postgres; Redis cleanup incomplete');
  } finally {
    await inspector.close().catch(() => {});
  }
  return result;
}
