import type { DefaultJobOptions } from 'bullmq';
import { QUEUES, type QueueName } from './queues.js';

/**
 * Retries with exponential backoff: 1 s, 2 s, 4 s … A job that exhausts them stays in the
 * failed set (and its log row unprocessed) for an operator to inspect and retry.
 */
export const JOB_OPTIONS: Record<QueueName, DefaultJobOptions> = {
  [QUEUES.abandonment]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { count: 10_000, age: 7 * 24 * 3600 },
    removeOnFail: { count: 50_000 },
  },
  [QUEUES.payment]: {
    // A payment can arrive before its abandonment: exponential retries over about 18 h.
    attempts: 16,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { count: 10_000, age: 7 * 24 * 3600 },
    removeOnFail: { count: 50_000 },
  },
  // The design's 1 s, 2 s, 4 s, 8 s: four retries, then the message is marked failed.
  [QUEUES.whatsappOutbound]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { count: 10_000, age: 7 * 24 * 3600 },
    removeOnFail: { count: 50_000 },
  },
  [QUEUES.whatsappInbound]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { count: 10_000, age: 7 * 24 * 3600 },
    removeOnFail: { count: 50_000 },
  },
};
