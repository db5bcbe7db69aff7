import { AppError } from '@sara/domain';
import type { Application, Request } from 'express';

/** Failed admin authentications one address may make per window before it is refused. */
export const AUTH_FAILURE_LIMIT = { max: 10, windowMs: 15 * 60_000 };
/** Beyond this many tracked addresses, expired entries are pruned so a spray of sources cannot grow memory unbounded. */
const PRUNE_ABOVE = 10_000;

type Window = { failures: number; resetAt: number };

/**
 * Counts only failed admin authentications, per address, in this replica's memory: a good token
 * never counts, so an operator is never locked out by their own traffic. Per replica means N
 * replicas allow N × max guesses per window — still far too few to guess a 16+ character key.
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit = AUTH_FAILURE_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the address may try again, or undefined while it is under the limit. */
  retryAfterSeconds(address: string): number | undefined {
    const window = this.current(address);
    if (!window || window.failures < this.limit.max) return undefined;
    return Math.max(1, Math.ceil((window.resetAt - this.now()) / 1000));
  }

  recordFailure(address: string): void {
    const window = this.current(address);
    if (window) {
      window.failures += 1;
      return;
    }
    if (this.windows.size >= PRUNE_ABOVE) this.prune();
    this.windows.set(address, { failures: 1, resetAt: this.now() + this.limit.windowMs });
  }

  private current(address: string): Window | undefined {
    const window = this.windows.get(address);
    if (window && window.resetAt <= this.now()) {
      this.windows.delete(address);
      return undefined;
    }
    return window;
  }

  private prune(): void {
    const now = this.now();
    for (const [address, window] of this.windows) if (window.resetAt <= now) this.windows.delete(address);
  }
}

// One limiter per app, shared by every mount of requireAdmin: /admin is guarded on several routers.
const limiters = new WeakMap<Application, AuthFailureLimiter>();

export function authFailureLimiterOf(req: Request): AuthFailureLimiter {
  let limiter = limiters.get(req.app);
  if (!limiter) {
    limiter = new AuthFailureLimiter();
    limiters.set(req.app, limiter);
  }
  return limiter;
}

export function tooManyAuthFailures(retryAfter: number): AppError {
  return new AppError('RATE_LIMITED', 'Too many failed authentications from this address; retry later', {
    status: 429,
    details: { retryAfterSeconds: retryAfter },
  });
}

/** The socket's address: trust proxy is off, so a forged X-Forwarded-For cannot dodge the limit. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
