import { createHash } from 'node:crypto';
import { UnauthorizedException } from '@nestjs/common';

/** The accepted API keys, each with the caller name it stands for. */
export type ApiKeys = ReadonlyMap<string, { callerId: string }>;

/** A caller's stable, non-secret name: `api-key:` and the first 8 hex digits of the key's SHA-256. */
const callerIdOf = (key: string) => `api-key:${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;

export function indexApiKeys(keys: readonly string[]): ApiKeys {
  return new Map(keys.map((key) => [key, { callerId: callerIdOf(key) }]));
}

/**
 * The caller's name when `given` is an accepted key, else null. A map lookup,
 * computed once at boot: every request used to hash the key it sent. The
 * lookup compares string hashes before contents, so a near-miss costs the
 * same as any miss (no prefix leaks through timing), and a hit is an exact
 * match already.
 */
export function matchApiKey(accepted: ApiKeys, given: string): string | null {
  return accepted.get(given)?.callerId ?? null;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The caller's name for an `Authorization` header carrying an accepted key
 * (`Bearer <key>`); otherwise a 401 saying what was wrong, never which keys exist.
 */
export function callerOf(accepted: ApiKeys, authorization: string | undefined): string {
  const match = BEARER.exec(authorization ?? '');
  const callerId = match ? matchApiKey(accepted, match[1]) : null;
  if (callerId) return callerId;
  throw new UnauthorizedException({
    code: 'unauthorized',
    message: match ? 'API key not recognised' : 'send an API key as "Authorization: Bearer <key>"',
  });
}
