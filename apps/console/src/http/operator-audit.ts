import type { AuditRepository } from '@sara/domain';
import type { Logger } from '@sara/observability';
import type { Request, RequestHandler } from 'express';
import { currentSession } from './session.js';

/** The conversation of /api/conversations/:id routes; other routes name their own target. */
const conversationId = (req: Request) => (typeof req.params.id === 'string' ? req.params.id : null);

/**
 * One audit row per operator action, written once it is answered (refusals included): who
 * (`operator:<id>`, or `unknown`), what (`console.<verb>`, `console.<area>.<verb>`), on what (a
 * conversation, a product, a payment, a kind, `buyer`), and how it ended. Never a text, a
 * password or a phone. `flush` lets shutdown wait for the last rows.
 */
export function operatorAudit(audit: AuditRepository, logger: Logger) {
  const pending = new Set<Promise<void>>();
  const audited =
    (action: string, targetOf: (req: Request) => string | null = conversationId): RequestHandler =>
    (req, res, next) => {
      // Read now: once an error has left the route, req.params no longer holds its id.
      const target = targetOf(req);
      res.once('finish', () => {
        const session = currentSession(res);
        const write = audit
          .record({
            actor: session ? `operator:${session.operator.id}` : 'unknown',
            action: `console.${action}`,
            target,
            outcome: res.statusCode,
            requestId: (res.locals.requestId as string | undefined) ?? null,
          })
          .catch((error: unknown) => logger.error({ err: error, action }, 'audit row not written'))
          .finally(() => pending.delete(write));
        pending.add(write);
      });
      next();
    };
  return { audited, flush: async () => void (await Promise.all(pending)) };
}
