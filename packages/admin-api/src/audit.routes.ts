import type { AuditRepository } from '@sara/domain';
import { validate } from '@sara/http';
import { Router } from 'express';
import { matchedData, type Meta } from 'express-validator';
import type { AuditListAnswer } from './answers.js';
import { paginationRules, singleQuery } from './pagination.js';

const instant = (field: 'from' | 'to') =>
  singleQuery(field)
    .isISO8601({ strict: true, strictSeparator: true })
    .withMessage('must be an ISO 8601 date or date-time, e.g. 2026-11-01 or 2026-11-01T00:00:00-03:00');

/**
 * The audit trail, newest first: by action (exact, or every action under a prefix ending in a
 * dot, e.g. `console.`), by actor, within [from, to). Mounted behind the admin token (ingress)
 * or an admin session (console).
 */
export function auditAdminRoutes(audit: AuditRepository): Router {
  const router = Router();
  router.get(
    '/audit',
    validate([
      singleQuery('action')
        .matches(/^[a-z_.]{1,100}$/)
        .withMessage('must be an action name such as sequences.put'),
      singleQuery('actor')
        .matches(/^[a-z0-9_:-]{1,100}$/i)
        .withMessage('must be an actor such as operator:<id> or admin-api-key'),
      instant('from'),
      instant('to')
        .bail()
        .custom((to: string, { req }: Meta) => {
          const from = Date.parse(String(req.query?.from));
          return Number.isNaN(from) || Date.parse(to) > from;
        })
        .withMessage('must be later than from'),
      ...paginationRules,
    ]),
    async (req, res) => {
      const {
        action,
        actor,
        from,
        to,
        limit = 50,
        offset = 0,
      } = matchedData(req, { locations: ['query'] }) as {
        action?: string;
        actor?: string;
        from?: string;
        to?: string;
        limit?: number;
        offset?: number;
      };
      const page = await audit.list({
        ...(action ? { action } : {}),
        ...(actor ? { actor } : {}),
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
        limit,
        offset,
      });
      const answer: AuditListAnswer = { ...page, pagination: { limit, offset, total: page.total } };
      res.json(answer);
    },
  );
  return router;
}
