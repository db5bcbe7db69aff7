import type { DefaultJobOptions } from 'bullmq';

/**
 * Retries with exponential backoff: 1 s, 2 s, 4 s … A job that exhausts them stays in the
 * failed set (and its log row unprocessed) for an operator to inspect and retry.
 */
export function retrying(attempts: number): DefaultJobOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { count: 10_000, age: 7 * 24 * 3600 },
    removeOnFail: { count: 50_000 },
  };
}
