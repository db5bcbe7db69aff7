import { AppError, type ConversationRepository } from '@sara/domain';
import express, { Router, type RequestHandler } from 'express';
import { body, matchedData, param } from 'express-validator';
import { listSandboxMessages } from '@sara/whatsapp';
import type { Redis } from 'ioredis';
import { authFailureLimiterOf, clientAddress, tooManyAuthFailures } from '../http/auth-failure-limit.js';
import { secretEquals } from '../http/signature.js';
import { paginationRules } from '@sara/admin-api';
import { fromRedis } from '../http/redis-unavailable.js';
import { validate } from '@sara/http';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks the admin bearer token; an address that keeps failing is refused (429) before its token is even compared. */
export function requireAdmin(apiKey: string): RequestHandler {
  return (req, res, next) => {
    const limiter = authFailureLimiterOf(req);
    const address = clientAddress(req);
    const retryAfter = limiter.retryAfterSeconds(address);
    if (retryAfter !== undefined) {
      res.set('Retry-After', String(retryAfter));
      next(tooManyAuthFailures(retryAfter));
      return;
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1] || !secretEquals(apiKey, match[1])) {
      limiter.recordFailure(address);
      res.set('WWW-Authenticate', 'Bearer realm="sara-admin"');
      next(new AppError('UNAUTHORIZED', 'A valid admin bearer token is required', { status: 401 }));
      return;
    }
    next();
  };
}

function conversationNotFound(id: string): AppError {
  return new AppError('CONVERSATION_NOT_FOUND', 'Conversation not found', { status: 404, details: { conversationId: id } });
}

export function adminRoutes(deps: { conversations: ConversationRepository; apiKey: string; redis: Redis; queuePrefix: string }): Router {
  const router = Router();
  router.use(['/conversations', '/sandbox'], requireAdmin(deps.apiKey));

  // What the sandbox transport "sent" (newest first): Sara runs end to end with no Meta account.
  router.get('/sandbox/messages', validate(paginationRules), async (req, res) => {
    const { limit = 50, offset = 0 } = matchedData(req, { locations: ['query'] }) as { limit?: number; offset?: number };
    const page = await fromRedis(listSandboxMessages(deps.redis, deps.queuePrefix, { limit, offset }));
    res.json({ ...page, pagination: { limit, offset, total: page.total } });
  });

  router.get('/conversations/:conversationId', validate(paginationRules), async (req, res) => {
    const id = req.params.conversationId as string;
    if (!UUID.test(id)) throw conversationNotFound(id);
    const { limit = 50, offset = 0 } = matchedData(req, { locations: ['query'] }) as { limit?: number; offset?: number };
    const transcript = await deps.conversations.findTranscript(id, { limit, offset });
    if (!transcript) throw conversationNotFound(id);
    res.json(transcript);
  });

  router.post(
    '/conversations/:conversationId/close',
    express.json({ limit: '16kb' }),
    validate([
      param('conversationId').matches(UUID).withMessage('must be a conversation id (UUID)'),
      body('reason')
        .optional()
        .isString()
        .withMessage('must be a string')
        .bail()
        .trim()
        .matches(/^[a-z0-9_]{1,100}$/)
        .withMessage('must be 1 to 100 of a-z, 0-9 and _'),
    ]),
    async (req, res) => {
      const id = req.params.conversationId as string;
      const { reason = 'manual_close' } = matchedData(req, { locations: ['body'] }) as { reason?: string };
      if (!(await deps.conversations.close(id, reason))) throw conversationNotFound(id);
      res.json({ status: 'closed', conversationId: id });
    },
  );

  return router;
}
