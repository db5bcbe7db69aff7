import { AppError } from '@sara/domain';
import { metrics, renderMetrics } from '@sara/observability';
import type { RequestHandler } from 'express';
import { secretEquals } from './signature.js';

/** Counts and times every request by its route pattern (never the raw path: ids would explode the label set). */
export const httpMetrics: RequestHandler = (req, res, next) => {
  const stopTimer = metrics.httpDuration.startTimer();
  res.on('finish', () => {
    const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
    const labels = { route, method: req.method, status: String(res.statusCode) };
    metrics.httpRequests.inc(labels);
    stopTimer(labels);
  });
  next();
};

/**
 * Prometheus text. With a token, only a scraper holding it may read it: the metrics name queues,
 * routes and volumes an outsider has no business seeing. Without one, the port must stay private.
 */
export function metricsEndpoint(token?: string): RequestHandler {
  return async (req, res, next) => {
    if (token) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (!match?.[1] || !secretEquals(token, match[1])) {
        res.set('WWW-Authenticate', 'Bearer realm="sara-metrics"');
        next(new AppError('UNAUTHORIZED', 'A valid metrics bearer token is required', { status: 401 }));
        return;
      }
    }
    const { contentType, body } = await renderMetrics();
    res.type(contentType).send(body);
  };
}
