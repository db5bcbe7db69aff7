import { AppError, isDatabaseUnavailable } from '@sara/domain';
import { metrics, reportError } from '@sara/observability';
import type { ErrorRequestHandler, Response } from 'express';

/** The design's error format (section 6.2). traceId is the request's correlation id. */
export function sendError(res: Response, error: AppError): void {
  res.status(error.status).json({
    error: {
      code: error.code,
      message: error.message,
      details: error.details ?? {},
      timestamp: new Date().toISOString(),
      traceId: res.locals.requestId as string,
    },
  });
}

/** Maps whatever a route threw to the error format; unknown failures never leak internals. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const appError = toAppError(error);
  const log = req.log ?? undefined;
  const webhook = /^\/webhook\/(abandonment|payment|messages)$/.exec(req.path)?.[1];
  if (webhook && appError.status < 500) metrics.webhooksReceived.inc({ type: webhook === 'messages' ? 'whatsapp' : webhook, outcome: 'rejected' });
  if (appError.status >= 500 && appError.code !== 'DATABASE_ERROR') reportError(error, { requestId: res.locals.requestId as string, path: req.path });
  if (appError.logLevel === 'error') log?.error({ err: error, code: appError.code }, appError.message);
  else log?.warn({ code: appError.code }, appError.message);
  sendError(res, appError);
};

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.too.large') {
    return new AppError('PAYLOAD_TOO_LARGE', 'Request body exceeds the size limit', {
      status: 413,
      details: { limit: (error as { limit?: number }).limit },
    });
  }
  if (type === 'entity.parse.failed') {
    return new AppError('VALIDATION_ERROR', 'The request body must be valid JSON', { status: 400, details: { reason: 'invalid_json' } });
  }
  if ((typeof type === 'string' && type.startsWith('request.')) || type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new AppError('VALIDATION_ERROR', 'The request body could not be read', { status: 400, details: { reason: type } });
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError('DATABASE_ERROR', 'The database is unavailable; retry later', { status: 503, cause: error });
  }
  return new AppError('INTERNAL_ERROR', 'Internal server error', { status: 500, cause: error });
}
