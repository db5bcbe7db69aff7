import type { PaymentMatchStatus, PaymentRepository } from '@sara/domain';
import { Router } from 'express';
import { matchedData, query } from 'express-validator';
import { validate } from '../http/validate.js';

/**
 * Checkout-platform payments, for review: a payment that matched no abandonment is never
 * dropped, it waits here with the reason. Mounted behind the admin token.
 */
export function paymentsAdminRoutes(payments: PaymentRepository): Router {
  const router = Router();
  router.get(
    '/payments',
    validate([
      query('status').optional().isIn(['matched', 'unmatched', 'review']).withMessage('must be matched, unmatched or review'),
      query('limit').optional().isInt({ min: 1, max: 500 }).withMessage('must be an integer from 1 to 500').toInt(),
      query('offset').optional().isInt({ min: 0 }).withMessage('must be a non-negative integer').toInt(),
    ]),
    async (req, res) => {
      const { status, limit = 50, offset = 0 } = matchedData(req, { locations: ['query'] }) as { status?: PaymentMatchStatus; limit?: number; offset?: number };
      const page = await payments.list({ ...(status ? { status } : {}), limit, offset });
      res.json({ ...page, pagination: { limit, offset, total: page.total } });
    },
  );
  return router;
}
