import { Injectable } from '@nestjs/common';
import { optionalPositiveInt } from '../core/action-error';

/**
 * Joom quotas, per store per minute (both API versions; each version's
 * module keeps its own instance): 2000 requests for the API in general,
 * and a separate 50 shared by the list endpoints (`orders/multi`,
 * `orders/unfulfilled`). Joom's rate-limit page says the general quota covers
 * all endpoints "except specifically stated", so a list call counts against
 * the list quota only. Fixed windows starting at the first request; over the
 * quota → 429 until the window ends. Refused calls do not use up quota.
 */
export type RateBucket = 'general' | 'list';

export interface RateLimits {
  perMinute: number;
  listPerMinute: number;
  /** Window length; 60 in production, shorter lets a test see a window end. */
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = { perMinute: 2000, listPerMinute: 50, windowSeconds: 60 };

export interface RateDecision {
  allowed: boolean;
  limit: number;
  resetSeconds: number;
  headers: Record<string, string>;
}

@Injectable()
export class JoomRateLimiter {
  private limits: RateLimits = { ...DEFAULT_RATE_LIMITS };
  private readonly windows = new Map<RateBucket, { startMs: number; used: number }>();

  configure(changes: Partial<RateLimits>): RateLimits {
    this.limits = { ...this.limits, ...changes };
    this.windows.clear();
    return { ...this.limits };
  }

  current(): RateLimits {
    return { ...this.limits };
  }

  reset(): void {
    this.limits = { ...DEFAULT_RATE_LIMITS };
    this.windows.clear();
  }

  /** Counts one request against `bucket`, unless its window is used up. */
  take(bucket: RateBucket, now: number): RateDecision {
    let window = this.windows.get(bucket);
    if (!window || now >= window.startMs + this.limits.windowSeconds * 1000) {
      window = { startMs: now, used: 0 };
      this.windows.set(bucket, window);
    }
    const allowed = window.used < this.limitOf(bucket);
    if (allowed) window.used++;
    return { allowed, ...this.describe(bucket, now) };
  }

  /** The headers for a response that used no quota (e.g. a 401). */
  peek(bucket: RateBucket, now: number): Record<string, string> {
    return this.describe(bucket, now).headers;
  }

  private describe(bucket: RateBucket, now: number): Omit<RateDecision, 'allowed'> {
    const limit = this.limitOf(bucket);
    const windowMs = this.limits.windowSeconds * 1000;
    const window = this.windows.get(bucket);
    const live = window && now < window.startMs + windowMs ? window : { startMs: now, used: 0 };
    const resetSeconds = Math.max(1, Math.ceil((live.startMs + windowMs - now) / 1000));
    return { limit, resetSeconds, headers: rateLimitHeaders(limit, Math.max(0, limit - live.used), resetSeconds) };
  }

  private limitOf(bucket: RateBucket): number {
    return bucket === 'list' ? this.limits.listPerMinute : this.limits.perMinute;
  }
}

export function rateLimitHeaders(limit: number, remaining: number, resetSeconds: number): Record<string, string> {
  return {
    'X-Rate-Limit-Limit': String(limit),
    'X-Rate-Limit-Remaining': String(remaining),
    'X-Rate-Limit-Reset': String(resetSeconds),
  };
}

/** The `set-rate-limit` control action's params (each optional, a positive integer) as limiter changes. */
export function rateLimitChanges(params: Record<string, unknown>): Partial<RateLimits> {
  const changes = {
    perMinute: optionalPositiveInt(params, 'perMinute'),
    listPerMinute: optionalPositiveInt(params, 'listPerMinute'),
    windowSeconds: optionalPositiveInt(params, 'windowSeconds'),
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}
