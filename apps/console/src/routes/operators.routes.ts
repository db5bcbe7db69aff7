import type { OperatorAccounts } from '@sara/domain';
import { Router } from 'express';
import type { OperatorListResponse } from '../merchant-contract.js';
import { requireRole } from '../http/session.js';

/** GET /api/operators: who can sign in, named as the audit trail names them (admin only). */
export function operatorsRoutes(accounts: OperatorAccounts): Router {
  const router = Router();
  router.get('/api/operators', requireRole('admin'), async (_req, res) => {
    const answer: OperatorListResponse = {
      operators: (await accounts.list()).map((operator) => ({ id: operator.id, actor: `operator:${operator.id}`, name: operator.name, role: operator.role })),
    };
    res.json(answer);
  });
  return router;
}
