import { metrics, renderMetrics } from '@sara/observability';
import type { RequestHandler } from 'express';

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

export const metricsEndpoint: RequestHandler = async (_req, res) => {
  const { contentType, body } = await renderMetrics();
  res.type(contentType).send(body);
};
