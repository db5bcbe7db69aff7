import {
  AppError,
  PAYMENT_MATCH_STATUSES,
  paymentCandidates,
  type PaymentMatchStatus,
  type PaymentRepository,
  type ManualLink,
  type PaymentService,
  type PrismaClientOrTransaction,
} from '@sara/domain';
import { validate } from '@sara/http';
import type { Logger } from '@sara/observability';
import express, { Router, type Request } from 'express';
import { body, matchedData, param } from 'express-validator';
import type { PaymentCandidatesAnswer, PaymentIgnoreAnswer, PaymentLinkAnswer, PaymentListAnswer } from './answers.js';
import { noAudit, type AuditHook } from './mount.js';
import { paginationRules, singleQuery } from './pagination.js';

export type PaymentsAdminDeps = {
  prisma: PrismaClientOrTransaction;
  payments: PaymentRepository;
  /** Settles a payment linked by hand, as the payment worker settles a matched one. */
  settlement: PaymentService;
  /** Where the buyer's thanks goes once its row is written; the outbound sweeper sends it if Redis is away. */
  outbound: { enqueue(messageId: string, requestId?: string): Promise<void> };
  logger: Logger;
  audit?: AuditHook;
};

const paymentId = param('id').isUUID().withMessage('must be a payment id (UUID)');

const paymentNotFound = () => new AppError('PAYMENT_NOT_FOUND', 'No such payment', { status: 404 });
const alreadyMatched = (reason: string) => new AppError('PAYMENT_ALREADY_MATCHED', 'The payment is matched already', { status: 409, details: { reason } });

/**
 * Checkout-platform payments, for review: a payment that matched no abandonment is never
 * dropped, it waits here with the reason, until a person links it to its abandonment
 * ("Vincular") or ignores it ("Ignorar"). Mounted behind the admin token (ingress) or an admin
 * session (console).
 */
export function paymentsAdminRoutes(deps: PaymentsAdminDeps): Router {
  const router = Router();
  const audit = deps.audit ?? noAudit;
  const idOf = (req: Request) => (typeof req.params.id === 'string' ? req.params.id : null);

  router.get(
    '/payments',
    validate([
      singleQuery('status')
        .isIn(PAYMENT_MATCH_STATUSES)
        .withMessage(`must be one of ${PAYMENT_MATCH_STATUSES.join(', ')}`),
      ...paginationRules,
    ]),
    async (req, res) => {
      const { status, limit = 50, offset = 0 } = matchedData(req, { locations: ['query'] }) as { status?: PaymentMatchStatus; limit?: number; offset?: number };
      const page = await deps.payments.list({ ...(status ? { status } : {}), limit, offset });
      const answer: PaymentListAnswer = { ...page, pagination: { limit, offset, total: page.total } };
      res.json(answer);
    },
  );

  router.get('/payments/:id/candidates', validate([paymentId]), async (req, res) => {
    const abandonments = await paymentCandidates(deps.prisma, req.params.id as string);
    if (!abandonments) throw paymentNotFound();
    const answer: PaymentCandidatesAnswer = { abandonments };
    res.json(answer);
  });

  router.post(
    '/payments/:id/link',
    audit('payments.link', idOf),
    express.json({ limit: '16kb' }),
    validate([paymentId, body('abandonmentId').isUUID().withMessage('must be an abandonment id (UUID)')]),
    async (req, res) => {
      const id = req.params.id as string;
      const { abandonmentId } = req.body as { abandonmentId: string };
      const linked = await deps.settlement.linkByHand(id, abandonmentId, deps.logger);
      if (linked.outcome === 'refused') throw refusal(linked.why, linked.reason);
      if (linked.thanksMessageId) {
        // The row is durable already; if Redis is away the outbound sweeper sends it later.
        await deps.outbound.enqueue(linked.thanksMessageId, res.locals.requestId as string | undefined).catch((error: unknown) => {
          deps.logger.warn({ err: { message: (error as Error).message }, messageId: linked.thanksMessageId }, 'thanks queued; enqueue deferred to the sweeper');
        });
      }
      const payment = await deps.payments.find(id);
      const answer: PaymentLinkAnswer = {
        payment: payment!,
        abandonment: { id: abandonmentId, status: 'converted', conversionLink: linked.conversionLink },
        thanksMessageId: linked.thanksMessageId,
      };
      res.json(answer);
    },
  );

  router.post(
    '/payments/:id/ignore',
    audit('payments.ignore', idOf),
    express.json({ limit: '16kb' }),
    validate([
      paymentId,
      body('reason').isString().withMessage('must be text').bail().trim().isLength({ min: 1, max: 200 }).withMessage('must be 1 to 200 characters'),
    ]),
    async (req, res) => {
      const { reason } = matchedData(req, { locations: ['body'] }) as { reason: string };
      const result = await deps.payments.ignore(req.params.id as string, reason);
      if ('refused' in result) throw result.refused === 'not_found' ? paymentNotFound() : alreadyMatched('a matched payment settled a sale');
      const answer: PaymentIgnoreAnswer = { payment: result.ignored };
      res.json(answer);
    },
  );
  return router;
}

function refusal(why: Extract<ManualLink, { outcome: 'refused' }>['why'], reason: string): AppError {
  switch (why) {
    case 'payment_not_found':
      return paymentNotFound();
    case 'abandonment_not_found':
      return new AppError('ABANDONMENT_NOT_FOUND', 'No such abandonment', { status: 404 });
    case 'payment_taken':
      return alreadyMatched(reason);
    case 'abandonment_taken':
      return new AppError('ABANDONMENT_ALREADY_CONVERTED', 'Another payment converted this abandonment', { status: 409, details: { reason } });
    case 'amount':
      return new AppError('PAYMENT_AMOUNT_MISMATCH', 'The amount is neither the abandonment’s value nor its discounted value', {
        status: 409,
        details: { reason },
      });
  }
}
