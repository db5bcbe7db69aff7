import type { OperatorSessions } from '@sara/domain';
import { Router } from 'express';
import type { ConversationChangedEvent } from '../contract.js';
import type { ChangeFeed } from '../live/change-feed.js';
import { signedIn, type SessionCookie } from '../http/session.js';

/** A comment line this often keeps proxies from closing an idle stream; each one re-checks the session. */
const HEARTBEAT_MS = 25_000;

/** GET /api/events: server-sent events, `conversation` with `{conversationId}` whenever one changes. */
export function eventsRoutes(deps: { feed: ChangeFeed; sessions: OperatorSessions; cookie: SessionCookie; heartbeatMs?: number }): Router {
  const router = Router();
  router.get('/api/events', (req, res) => {
    signedIn(res);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx and friends buffer responses unless told not to: the events would arrive in bursts.
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    const unsubscribe = deps.feed.subscribe({
      changed: (conversationId) => {
        const data: ConversationChangedEvent = { conversationId };
        res.write(`event: conversation\ndata: ${JSON.stringify(data)}\n\n`);
      },
      ended: () => res.end(),
    });
    const token = deps.cookie.read(req);
    const heartbeat = setInterval(() => {
      // A logout or an expiry elsewhere ends this stream too.
      deps.sessions
        .find(token)
        .then((session) => (session ? res.write(': keep-alive\n\n') : res.end()))
        .catch(() => res.write(': keep-alive\n\n'));
    }, deps.heartbeatMs ?? HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
  return router;
}
