import type { AuditRepository } from '@sara/domain';
import { Router } from 'express';
import { matchedData } from 'express-validator';
import { paginationRules, singleQuery } from './pagination.js';
import { validate } from '@sara/http';

/** The audit trail, newest first. Mounted behind the admin token. */
export function auditAdminRoutes(audit: AuditRepository): Router {
  const router = Router();
  router.get(
    '/audit',
    validate([
      singleQuery('action')
        .matches(/^[a-z_.]{1,100}$/)
        .withMessage('must be an action name such as sequences.put'),
      ...paginationRules,
    ]),
    async (req, res) => {
      const { action, limit = 50, offset = 0 } = matchedData(req, { locations: ['query'] }) as { action?: string; limit?: number; offset?: number };
      const page = await audit.list({ ...(action ? { action } : {}), limit, offset });
      res.json({ ...page, pagination: { limit, offset, total: page.total } });
    },
  );
  return router;
}
