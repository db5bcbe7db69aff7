import { AppError, BuyerDataRepository, eraseBuyer, searchBuyers, type PrismaClient } from '@sara/domain';
import { validate } from '@sara/http';
import { QueueInspector } from '@sara/jobs';
import type { Logger } from '@sara/observability';
import { Router } from 'express';
import { query } from 'express-validator';
import type { Redis } from 'ioredis';
import type { BuyerErasureAnswer, BuyerExportAnswer, BuyerSearchAnswer } from './answers.js';
import { noAudit, type AuditHook } from './mount.js';
import { singleQuery } from './pagination.js';

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
  audit?: AuditHook;
};

/** The file name of a downloaded export: the same for every buyer, so no phone lands in a file name or a header. */
const EXPORT_FILE = 'sara-comprador.json';

/**
 * Finding a buyer, and their LGPD rights (art. 18): a copy of everything Sara holds, and
 * erasure. Mounted behind the admin token (ingress) or an admin session (console). The phone in
 * the path is kept out of every log line (each app's redactPath) and of the audit trail (`buyer`).
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

  const audit = deps.audit ?? noAudit;

  router.get(
    '/buyers',
    validate([
      query('q').exists().withMessage('is required: part of a phone, a name or an e-mail'),
      singleQuery('q').trim().isLength({ min: 2, max: 100 }).withMessage('must be 2 to 100 characters'),
    ]),
    async (req, res) => {
      const answer: BuyerSearchAnswer = { buyers: await searchBuyers(deps.prisma, String(req.query.q)) };
      res.json(answer);
    },
  );

  router.get(
    '/buyers/:phone',
    audit('buyers.export', () => 'buyer'),
    validate([singleQuery('download').isIn(['1', 'true']).withMessage('must be 1')]),
    async (req, res) => {
      const answer: BuyerExportAnswer = await buyers.export(phoneOf(req.params.phone as string));
      if (req.query.download !== undefined) res.set('Content-Disposition', `attachment; filename="${EXPORT_FILE}"`);
      res.json(answer);
    },
  );

  router.delete(
    '/buyers/:phone',
    audit('buyers.erase', () => 'buyer'),
    async (req, res) => {
      const phone = phoneOf(req.params.phone as string);
      const erasure = await eraseBuyer(deps.prisma, phone, deps.erasureHashKey);
      // After the commit, best effort: Postgres no longer knows the buyer whatever Redis says.
      const redis = await clearRedis(deps, phone, erasure.jobIds);
      const answer: BuyerErasureAnswer = { status: 'erased', erased: { ...erasure.erased, ...redis }, tombstone: erasure.tombstone };
      res.json(answer);
    },
  );
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
