import { randomUUID } from 'node:crypto';
import {
  AppError,
  INBOX_FILTERS,
  listInbox,
  viewConversation,
  viewMessage,
  type ConversationDesk,
  type InboxFilter,
  type OperatorMessage,
  type PrismaClient,
  type TemplateChoices,
} from '@sara/domain';
import { validate } from '@sara/http';
import type { OutboundMessageQueue } from '@sara/jobs';
import type { Logger } from '@sara/observability';
import { Router, type RequestHandler, type Response } from 'express';
import { body, header, oneOf, param, query } from 'express-validator';
import type { ConversationResponse, InboxResponse, SendMessageResponse } from '../contract.js';
import { presentDetail, presentMessage, presentSummary } from '../http/present.js';
import { signedIn } from '../http/session.js';

export type ConversationRoutesDeps = {
  prisma: PrismaClient;
  desk: ConversationDesk;
  templates: TemplateChoices;
  outbound: OutboundMessageQueue;
  logger: Logger;
  audited: (action: string) => RequestHandler;
};

const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;
const validId = param('id').isUUID().withMessage('must be a conversation id');

/** The inbox and a person's part in a conversation: take over, write, hand back, close. */
export function conversationRoutes(deps: ConversationRoutesDeps): Router {
  const router = Router();

  const answerWithConversation = async (res: Response, id: string, status = 200) => {
    const view = await viewConversation(deps.prisma, deps.templates, id);
    if (!view) throw new AppError('CONVERSATION_NOT_FOUND', 'No such conversation', { status: 404 });
    const answer: ConversationResponse = { conversation: presentDetail(signedIn(res).operator, view) };
    res.status(status).json(answer);
  };

  router.get(
    '/api/conversations',
    validate([
      query('status')
        .optional()
        .isIn([...INBOX_FILTERS])
        .withMessage(`must be one of ${INBOX_FILTERS.join(', ')}`),
      query('q').optional().isString().withMessage('must be text').isLength({ max: 100 }).withMessage('must be at most 100 characters'),
    ]),
    async (req, res) => {
      const viewer = signedIn(res).operator;
      const rows = await listInbox(deps.prisma, { filter: req.query.status as InboxFilter | undefined, q: req.query.q as string | undefined });
      const answer: InboxResponse = { conversations: rows.map((row) => presentSummary(viewer, row)) };
      res.json(answer);
    },
  );

  router.get('/api/conversations/:id', validate([validId]), async (req, res) => answerWithConversation(res, req.params.id as string));

  router.post('/api/conversations/:id/takeover', deps.audited('takeover'), validate([validId]), async (req, res) => {
    await deps.desk.takeover(req.params.id as string, signedIn(res).operator);
    await answerWithConversation(res, req.params.id as string);
  });

  router.post('/api/conversations/:id/release', deps.audited('release'), validate([validId]), async (req, res) => {
    await deps.desk.release(req.params.id as string, signedIn(res).operator);
    await answerWithConversation(res, req.params.id as string);
  });

  router.post(
    '/api/conversations/:id/close',
    deps.audited('close'),
    validate([
      validId,
      body('reason').isString().withMessage('must be text').trim().isLength({ min: 1, max: 100 }).withMessage('must have 1 to 100 characters'),
    ]),
    async (req, res) => {
      await deps.desk.close(req.params.id as string, (req.body as { reason: string }).reason);
      await answerWithConversation(res, req.params.id as string);
    },
  );

  router.post(
    '/api/conversations/:id/messages',
    deps.audited('message'),
    validate([
      validId,
      header('idempotency-key')
        .optional()
        .matches(/^[A-Za-z0-9_-]{1,100}$/)
        .withMessage('must be 1 to 100 letters, digits, - or _'),
      oneOf(
        [
          body('text').isString().trim().isLength({ min: 1, max: 4_096 }),
          [
            body('template').isString().matches(TEMPLATE_NAME),
            body('parameters').isArray({ max: 10 }),
            body('parameters.*').isString().trim().isLength({ min: 1, max: 1_024 }),
          ],
        ],
        { message: 'send {text} (1 to 4096 characters) or {template, parameters} (an approved template and its filled parameters)' },
      ),
    ]),
    async (req, res) => {
      const id = req.params.id as string;
      const input = req.body as { text?: string; template?: string; parameters?: string[] };
      const message: OperatorMessage = input.text !== undefined ? { text: input.text } : { template: input.template!, parameters: input.parameters! };
      const queued = await deps.desk.send(id, signedIn(res).operator, message, req.get('idempotency-key') ?? randomUUID());
      if (queued.status === 'queued') {
        // The row is durable already; if Redis is away the outbound sweeper sends it later.
        await deps.outbound.enqueue(queued.id, res.locals.requestId as string).catch((error: unknown) => {
          deps.logger.warn({ err: { message: (error as Error).message }, messageId: queued.id }, 'operator message queued; enqueue deferred to the sweeper');
        });
      }
      const view = await viewMessage(deps.prisma, queued.id);
      const answer: SendMessageResponse = { message: presentMessage(view!) };
      res.status(202).json(answer);
    },
  );

  return router;
}
