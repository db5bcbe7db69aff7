import { flushErrorTracking } from './error-tracking.js';
import type { Logger } from './logger.js';
import { shutdownTracing } from './tracing.js';

/**
 * One clean stop on SIGTERM or SIGINT, for every Sara process: `stop` closes what the process
 * owns (servers, workers, connections), then errors and traces are flushed and it exits. A stop
 * stuck on a dead connection must not keep a pod from stopping, so after `forceAfterMs` it
 * exits with 1; and once everything is closed a stray handle must not keep it alive, so it
 * exits with 0. Returns the stop, for a caller that ends the process itself.
 */
export function stopOnSignals(options: { logger: Logger; service: string; forceAfterMs: number; stop: () => Promise<void> }): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      options.logger.info('shutting down: finishing what is in flight');
      setTimeout(() => process.exit(1), options.forceAfterMs).unref();
      await options.stop();
      await flushErrorTracking();
      await shutdownTracing();
      options.logger.info(`${options.service} stopped`);
      process.exit(0);
    })());
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  return stop;
}
