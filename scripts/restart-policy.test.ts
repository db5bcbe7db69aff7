import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { createRestartPolicy } from './restart-policy.mjs';

type Policy = { delayAfterCrash: (app: string, uptimeMs: number) => number | null };

describe('restart policy of scripts/start-all.mjs', () => {
  it('restarts a crashed app with a doubling delay, capped', () => {
    const policy = createRestartPolicy({ baseMs: 100, maxMs: 500, maxQuickCrashes: 10 }) as Policy;
    expect([1, 2, 3, 4, 5].map(() => policy.delayAfterCrash('worker-payment', 1_000))).toEqual([100, 200, 400, 500, 500]);
  });

  it('starts over for an app that ran healthily before dying, and counts each app alone', () => {
    const policy = createRestartPolicy({ baseMs: 100, healthyAfterMs: 10_000 }) as Policy;
    policy.delayAfterCrash('worker-payment', 1_000);
    expect(policy.delayAfterCrash('worker-payment', 1_000)).toBe(200);
    expect(policy.delayAfterCrash('worker-conversation', 1_000)).toBe(100);
    expect(policy.delayAfterCrash('worker-payment', 60_000)).toBe(100);
  });

  it('gives up on an app that keeps dying at boot', () => {
    const policy = createRestartPolicy({ baseMs: 1, maxQuickCrashes: 3 }) as Policy;
    expect([1, 2, 3, 4].map(() => policy.delayAfterCrash('ingress', 50))).toEqual([1, 2, 4, null]);
  });
});
