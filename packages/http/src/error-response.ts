import { AppError, isDatabaseUnavailable } from '@sara/domain';
import { reportError } from '@sara/observability';
import type { ErrorRequestHandler, Request, Response } from 'express';

const OUTAGE_CODES = new Set<AppError['code']>(['DATABASE_ERROR', 'SERVICE_UNAVAILABLE']);

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

/**
 * Maps whatever a route threw to the error format; unknown failures never leak internals.
 * `onError` sees each answer's error first (the ingress counts rejected webhooks there).
 */
export function createErrorHandler(options: { onError?: (req: Request, error: AppError) => void } = {}): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const appError = toAppError(error);
    options.onError?.(req, appError);
    answer(error, appError, req, res);
  };
}

function answer(error: unknown, appError: AppError, req: Request, res: Response): void {
  const log = req.log ?? undefined;
  // An outage (Postgres or Redis away) is waited out, not a bug to report.
  if (appError.status >= 500 && !OUTAGE_CODES.has(appError.code)) reportError(error, { requestId: res.locals.requestId as string, path: req.path });
  if (appError.logLevel === 'error') log?.error({ err: error, code: appError.code }, appError.message);
  else log?.warn({ code: appError.code }, appError.message);
  sendError(res, appError);
}

export function toAppError(error: unknown): AppError {
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
  const clientError = toClientError(error, type);
  if (clientError) return clientError;
  if (isDatabaseUnavailable(error)) {
    return new AppError('DATABASE_ERROR', 'The database is unavailable; retry later', { status: 503, cause: error });
  }
  return new AppError('INTERNAL_ERROR', 'Internal server error', { status: 500, cause: error });
}

/** The closed codes a framework-found 4xx maps to; any other 4xx status is a bad request. */
const CODE_OF_STATUS: Record<number, AppError['code']> = {
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Errors Express, the router and body-parser raise carry an http-errors status: a 4xx there is
 * the sender's fault (a path that is not UTF-8, a body that is not the gzip it claims to be), so
 * it keeps its status and is logged at warn, never reported. Messages are Sara's own: the
 * framework's may quote the input.
 */
function toClientError(error: unknown, type: unknown): AppError | undefined {
  const { status, statusCode, code } = error as { status?: unknown; statusCode?: unknown; code?: unknown };
  const httpStatus = typeof status === 'number' ? status : statusCode;
  if (typeof httpStatus !== 'number' || httpStatus < 400 || httpStatus > 499) return undefined;
  if (error instanceof URIError) {
    return new AppError('VALIDATION_ERROR', 'The request path could not be decoded', { status: 400, details: { reason: 'undecodable_path' } });
  }
  // zlib's own codes (Z_DATA_ERROR, Z_BUF_ERROR): the bytes are not what Content-Encoding says.
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new AppError('VALIDATION_ERROR', 'The request body does not match its Content-Encoding', {
      status: 400,
      details: { reason: 'content_encoding_mismatch' },
    });
  }
  const reason = typeof type === 'string' ? type : 'unreadable_request';
  const appCode = CODE_OF_STATUS[httpStatus] ?? 'VALIDATION_ERROR';
  const message = appCode === 'UNSUPPORTED_MEDIA_TYPE' ? "The request body's encoding or charset is not supported" : 'The request could not be read';
  return new AppError(appCode, message, { status: httpStatus, details: { reason } });
}
