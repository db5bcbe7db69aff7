import { AppError, type OperatorAccounts, type OperatorSessions } from '@sara/domain';
import { validate } from '@sara/http';
import { Router, type Request, type RequestHandler } from 'express';
import { body } from 'express-validator';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { SessionResponse } from '../contract.js';
import { presentUser } from '../http/present.js';
import { signedIn, type SessionCookie } from '../http/session.js';

export type SessionRoutesDeps = {
  accounts: OperatorAccounts;
  sessions: OperatorSessions;
  cookie: SessionCookie;
  /** Failed logins per minute from one address before 429. */
  attemptsPerMinute: number;
  audited: (action: string) => RequestHandler;
};

/** POST /api/session (the one mutation without a CSRF token: there is no session yet), GET, DELETE. */
export function sessionRoutes(deps: SessionRoutesDeps): Router {
  const router = Router();
  // express-rate-limit, counting failures only, in this replica's memory: per address and
  // e-mail (guessing one account's password), and five times that per address (trying many).
  const limiter = (limit: number, keyGenerator?: (req: Request) => string) =>
    rateLimit({
      windowMs: 60_000,
      limit,
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      ...(keyGenerator ? { keyGenerator } : {}),
      handler: (_req, _res, next) => next(new AppError('RATE_LIMITED', 'Too many login attempts; wait a minute', { status: 429 })),
    });
  const perAccount = limiter(deps.attemptsPerMinute, (req) => {
    const email = (req.body as { email?: unknown } | undefined)?.email;
    return `${ipKeyGenerator(req.ip ?? '')}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
  });
  const perAddress = limiter(deps.attemptsPerMinute * 5);
  const loginLimit = [perAddress, perAccount];

  router.post(
    '/api/session',
    deps.audited('login'),
    ...loginLimit,
    validate([
      body('email').isString().withMessage('must be a string').trim().isLength({ min: 3, max: 255 }).withMessage('must be an e-mail'),
      body('password').isString().withMessage('must be a string').isLength({ min: 1, max: 1_024 }).withMessage('is required'),
    ]),
    async (req, res) => {
      const { email, password } = req.body as { email: string; password: string };
      const operator = await deps.accounts.verify(email, password);
      if (!operator) throw new AppError('INVALID_CREDENTIALS', 'Wrong e-mail or password', { status: 401 });
      const opened = await deps.sessions.open(operator.id);
      deps.cookie.set(res, opened.token, opened.expiresAt);
      // The audit row names who logged in, though the request came without a session.
      res.locals.session = { operator, csrfToken: opened.csrfToken };
      const answer: SessionResponse = { user: presentUser(operator), csrfToken: opened.csrfToken };
      res.json(answer);
    },
  );

  router.get('/api/session', (_req, res) => {
    const session = signedIn(res);
    const answer: SessionResponse = { user: presentUser(session.operator), csrfToken: session.csrfToken };
    res.json(answer);
  });

  return router;
}

/** DELETE /api/session: behind requireSession (a logout is a mutation, CSRF-checked like the rest). */
export function logoutRoute(deps: Pick<SessionRoutesDeps, 'sessions' | 'cookie' | 'audited'>): Router {
  const router = Router();
  router.delete('/api/session', deps.audited('logout'), async (req, res) => {
    await deps.sessions.close(deps.cookie.read(req));
    deps.cookie.clear(res);
    res.status(204).end();
  });
  return router;
}
