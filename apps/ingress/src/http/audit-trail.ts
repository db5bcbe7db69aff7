import type { AuditRepository } from '@sara/domain';
import type { Logger } from '@sara/observability';
import type { RequestHandler } from 'express';
import { secretEquals } from './signature.js';

/** The admin API's credential, as the trail names it. A console user will set res.locals.actor. */
export const API_KEY_ACTOR = 'admin-api-key';

type Route = { method: string; pattern: RegExp; action: string; target?: (groups: string[]) => string };

/**
 * Every admin route, named once here: `<area>.<verb>` and what it acts on. Targets are ids Sara
 * made or the merchant chose (a conversation id, a queue, a kind, a product id) — never a
 * buyer's phone: the buyers routes store the constant `buyer`.
 */
const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/conversations\/([^/]+)$/, action: 'conversations.get', target: ([id]) => id! },
  { method: 'POST', pattern: /^\/conversations\/([^/]+)\/close$/, action: 'conversations.close', target: ([id]) => id! },
  { method: 'GET', pattern: /^\/sandbox\/messages$/, action: 'sandbox.list' },
  { method: 'GET', pattern: /^\/admin\/queues\/([^/]+)\/failed$/, action: 'queues.failed.list', target: ([queue]) => queue! },
  { method: 'POST', pattern: /^\/admin\/queues\/([^/]+)\/failed\/retry$/, action: 'queues.failed.retry_all', target: ([queue]) => queue! },
  { method: 'POST', pattern: /^\/admin\/queues\/([^/]+)\/failed\/([^/]+)\/retry$/, action: 'queues.failed.retry', target: ([queue, job]) => `${queue}/${job}` },
  { method: 'GET', pattern: /^\/admin\/payments$/, action: 'payments.list' },
  { method: 'GET', pattern: /^\/admin\/payments\/([^/]+)\/candidates$/, action: 'payments.candidates', target: ([id]) => id! },
  { method: 'POST', pattern: /^\/admin\/payments\/([^/]+)\/link$/, action: 'payments.link', target: ([id]) => id! },
  { method: 'POST', pattern: /^\/admin\/payments\/([^/]+)\/ignore$/, action: 'payments.ignore', target: ([id]) => id! },
  { method: 'GET', pattern: /^\/admin\/offers$/, action: 'offers.list' },
  { method: 'POST', pattern: /^\/admin\/offers\/test$/, action: 'offers.test' },
  { method: 'GET', pattern: /^\/admin\/offers\/([^/]+)$/, action: 'offers.get', target: ([id]) => id! },
  { method: 'PUT', pattern: /^\/admin\/offers\/([^/]+)$/, action: 'offers.put', target: ([id]) => id! },
  { method: 'DELETE', pattern: /^\/admin\/offers\/([^/]+)$/, action: 'offers.delete', target: ([id]) => id! },
  { method: 'GET', pattern: /^\/admin\/sequences$/, action: 'sequences.list' },
  { method: 'PUT', pattern: /^\/admin\/sequences\/([^/]+)$/, action: 'sequences.put', target: ([kind]) => kind! },
  { method: 'DELETE', pattern: /^\/admin\/sequences\/([^/]+)$/, action: 'sequences.delete', target: ([kind]) => kind! },
  { method: 'GET', pattern: /^\/admin\/settings$/, action: 'settings.get' },
  { method: 'PUT', pattern: /^\/admin\/settings$/, action: 'settings.put' },
  { method: 'GET', pattern: /^\/admin\/report$/, action: 'report.get' },
  { method: 'GET', pattern: /^\/admin\/report\/daily$/, action: 'report.daily' },
  { method: 'GET', pattern: /^\/admin\/audit$/, action: 'audit.list' },
  // The query may hold part of a phone; only the path is ever read here.
  { method: 'GET', pattern: /^\/admin\/buyers$/, action: 'buyers.search' },
  // The path holds a phone number: the trail says only that a buyer was concerned.
  { method: 'GET', pattern: /^\/admin\/buyers\/[^/]+$/, action: 'buyers.export', target: () => 'buyer' },
  { method: 'DELETE', pattern: /^\/admin\/buyers\/[^/]+$/, action: 'buyers.erase', target: () => 'buyer' },
];

/** The action and target of one admin request; a path no route knows is `unknown`, with no target. */
export function describeAdminAction(method: string, path: string): { action: string; target: string | null } {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(trimmed);
    if (match) return { action: route.action, target: route.target ? route.target(match.slice(1)) : null };
  }
  // Unknown paths may hold anything a caller typed (a phone too): never stored.
  return { action: 'unknown', target: null };
}

/**
 * Records one audit row per admin request once it is answered, with the status as outcome, so
 * failures (a 400, a 401 without a valid key, a 503) are on the trail too. Mounted once on the
 * admin paths, before the routers. A row that cannot be written is logged, never answered.
 */
export function auditTrail(deps: { audit: AuditRepository; apiKey: string; logger: Logger }): RequestHandler & { flush(): Promise<void> } {
  const pending = new Set<Promise<void>>();
  const middleware: RequestHandler = (req, res, next) => {
    const path = req.originalUrl.split('?')[0] ?? '';
    const { action, target } = describeAdminAction(req.method, path);
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    const actor = token && secretEquals(deps.apiKey, token) ? API_KEY_ACTOR : 'unknown';
    res.once('close', () => {
      // 499 as nginx writes it: the caller went away before the answer was complete.
      const outcome = res.writableFinished ? res.statusCode : 499;
      const requestId = typeof res.locals.requestId === 'string' ? res.locals.requestId : null;
      const write = deps.audit
        .record({ actor: typeof res.locals.actor === 'string' ? res.locals.actor : actor, action, target, outcome, requestId })
        .catch((error: unknown) => deps.logger.error({ err: error, action, requestId }, 'could not record the audit event'))
        .finally(() => pending.delete(write));
      pending.add(write);
    });
    next();
  };
  return Object.assign(middleware, {
    async flush() {
      await Promise.all([...pending]);
    },
  });
}
