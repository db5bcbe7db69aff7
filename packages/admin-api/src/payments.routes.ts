import type { PaymentMatchStatus, PaymentRepository } from '@sara/domain';
import { Router } from 'express';
import { matchedData } from 'express-validator';
import { paginationRules, singleQuery } from './pagination.js';
import { validate } from '@sara/http';

/**
 * Checkout-platform payments, for review: a payment that matched no abandonment is never
 * dropped, it waits here with the reason. Mounted behind the admin token.
 */
export function paymentsAdminRoutes(payments: PaymentRepository): Router {
  const router = Router();
  router.get(
    '/payments',
    validate([singleQuery('status').isIn(['matched', 'unmatched', 'review']).withMessage('must be matched, unmatched or review'), ...paginationRules]),
    async (req, res) => {
      const { status, limit = 50, offset = 0 } = matchedData(req, { locations: ['query'] }) as { status?: PaymentMatchStatus; limit?: number; offset?: number };
      const page = await payments.list({ ...(status ? { status } : {}), limit, offset });
      res.json({ ...page, pagination: { limit, offset, total: page.total } });
    },
  );
  return router;
}
