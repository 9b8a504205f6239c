import { createHash, timingSafeEqual } from 'node:crypto';

/** The accepted API keys, kept only as SHA-256 digests. */
export type ApiKeyDigests = readonly Buffer[];

const sha256 = (value: string) => createHash('sha256').update(value).digest();

export function digestApiKeys(keys: readonly string[]): ApiKeyDigests {
  return keys.map(sha256);
}

/**
 * The caller's stable, non-secret name (`api-key:<8 hex>`) when `given` is an
 * accepted key, else null. Keys are compared as SHA-256 digests with
 * timingSafeEqual, so neither length nor content leaks through timing.
 */
export function matchApiKey(accepted: ApiKeyDigests, given: string): string | null {
  const digest = sha256(given);
  return accepted.some((key) => timingSafeEqual(key, digest)) ? `api-key:${digest.toString('hex').slice(0, 8)}` : null;
}
