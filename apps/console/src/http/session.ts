import { AppError, csrfTokenMatches, type OpenSession, type OperatorRole, type OperatorSessions } from '@sara/domain';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';

/**
 * The session cookie. `__Host-` (Secure, no Domain, Path=/) in production, so no subdomain or
 * plain-HTTP page can plant or read it; HttpOnly, so page scripts never see the token; SameSite
 * Strict, so another site's form cannot ride on it (the CSRF header is the second lock).
 */
export function sessionCookie(secure: boolean) {
  const name = secure ? '__Host-sara_session' : 'sara_session';
  const base = { httpOnly: true, secure, sameSite: 'strict' as const, path: '/' };
  return {
    name,
    read: (req: Request): string => parseCookie(req.headers.cookie ?? '')[name] ?? '',
    set: (res: Response, token: string, expires: Date) => res.append('Set-Cookie', stringifySetCookie({ ...base, name, value: token, expires })),
    clear: (res: Response) => res.append('Set-Cookie', stringifySetCookie({ ...base, name, value: '', expires: new Date(0) })),
  };
}

export type SessionCookie = ReturnType<typeof sessionCookie>;

/** The signed-in operator of this request, when there is one. */
export function currentSession(res: Response): OpenSession | undefined {
  return res.locals.session as OpenSession | undefined;
}

export function signedIn(res: Response): OpenSession {
  const session = currentSession(res);
  if (!session) throw new AppError('UNAUTHORIZED', 'Sign in first', { status: 401 });
  return session;
}

export function loadSession(sessions: OperatorSessions, cookie: SessionCookie): RequestHandler {
  return async (req, res, next) => {
    const session = await sessions.find(cookie.read(req));
    if (session) res.locals.session = session;
    next();
  };
}

/** 401 without a session; then, for anything but a read, 403 unless X-CSRF-Token echoes the session's token. */
export const requireSession: RequestHandler = (req, res, next) => {
  const session = signedIn(res);
  if (!['GET', 'HEAD'].includes(req.method) && !csrfTokenMatches(session.csrfToken, req.get('x-csrf-token'))) {
    throw new AppError('FORBIDDEN', 'Missing or wrong X-CSRF-Token header', { status: 403, details: { reason: 'csrf' } });
  }
  next();
};

export function requireRole(...roles: OperatorRole[]): RequestHandler {
  return (_req, res, next) => {
    if (!roles.includes(signedIn(res).operator.role))
      throw new AppError('FORBIDDEN', 'Your role may not do this', { status: 403, details: { reason: 'role' } });
    next();
  };
}
