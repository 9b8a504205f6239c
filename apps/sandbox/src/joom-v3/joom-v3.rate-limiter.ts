/** v3's quotas are Joom's per-store quotas, shared with v2 (`../joom-shared/rate-limiter.ts`). */
export { JoomRateLimiter as JoomV3RateLimiter, rateLimitChanges, rateLimitHeaders } from '../joom-shared/rate-limiter';
export type { RateBucket } from '../joom-shared/rate-limiter';
