export { createLogger, type Logger } from './logger.js';
export { maskPhone } from './redact.js';
export { resolveRequestId } from './request-id.js';
export { metrics, registry, initMetrics, onScrape, renderMetrics } from './metrics.js';
export { startTracing, shutdownTracing, currentTraceCarrier, withJobSpan } from './tracing.js';
export { startErrorTracking, reportError, flushErrorTracking } from './error-tracking.js';
export { startHealthServer, probe } from './health-server.js';
export { stopOnSignals } from './shutdown.js';
