import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer\s+(\S+)$/i;
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Why a `/metrics` scrape is refused, or null when it may proceed. With
 * METRICS_TOKEN set only `Authorization: Bearer <token>` opens it, compared
 * in constant time (digests of equal length, so neither the length nor a
 * shared prefix shows in the timing). API keys are not accepted: a scraper's
 * credential opens nothing else, and the other way round. Without a token
 * the endpoint stays open. The message never names the token.
 */
export function metricsScrapeRefusal(token: string | null | undefined, authorization: string | undefined): string | null {
  if (!token) return null;
  const match = BEARER.exec(authorization ?? '');
  if (match && timingSafeEqual(digest(match[1]), digest(token))) return null;
  return match ? 'metrics token not recognised' : 'send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"';
}
