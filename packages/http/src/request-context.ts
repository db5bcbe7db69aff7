import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveRequestId, type Logger } from '@sara/observability';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';

/**
 * Honours or mints X-Request-Id, returns it, and logs one line per request carrying it.
 * Only method, path and status are logged: queries (hub.verify_token), headers (signatures,
 * bearer tokens, cookies) and bodies (phones, texts) never reach the log; `redactPath` hides
 * what a path itself may carry.
 */
export function requestContext(logger: Logger, redactPath: (path: string) => string = (path) => path): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = resolveRequestId(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customProps: (req) => ({ requestId: req.id }),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ method: req.method, path: redactPath(req.url.split('?')[0] ?? '') }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    quietReqLogger: true,
    autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/ready' },
  }) as unknown as RequestHandler;
}

/** Exposes the id to handlers that build the error format and job data. */
export const exposeRequestId: RequestHandler = (req, res, next) => {
  res.locals.requestId = String(req.id);
  next();
};
