import type { Request, RequestHandler } from 'express';

/**
 * How a server records the mutations of these routers on its own audit trail: the routes name
 * the action (`<area>.<verb>`) and what it acts on, the server decides who did it. The ingress
 * audits every /admin request by path already and passes nothing; the console passes its
 * operator audit. Targets are ids Sara made or the merchant chose, never a buyer's phone.
 */
export type AuditHook = (action: string, target: (req: Request) => string | null) => RequestHandler;

export const noAudit: AuditHook = () => (_req, _res, next) => next();
