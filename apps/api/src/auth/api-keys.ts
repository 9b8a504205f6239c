import { createHash } from 'node:crypto';
import { UnauthorizedException } from '@nestjs/common';
import type { GatewayConfig } from '@app/config';

/** Who a key stands for: a stable, non-secret name, and whether it may change queues (ADMIN_API_KEYS). */
export interface Caller {
  callerId: string;
  admin: boolean;
}

/** The accepted API keys, each with the caller it stands for. */
export type ApiKeys = ReadonlyMap<string, Caller>;

/** A caller's stable, non-secret name: `api-key:` and the first 8 hex digits of the key's SHA-256. */
const callerIdOf = (key: string) => `api-key:${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;

/** Every accepted key: API_KEYS and ADMIN_API_KEYS (an admin key may do all an API key may, whether or not it is in both lists). */
export function indexApiKeys(keys: readonly string[], adminKeys: readonly string[] = []): ApiKeys {
  const admins = new Set(adminKeys);
  return new Map([...keys, ...adminKeys].map((key) => [key, { callerId: callerIdOf(key), admin: admins.has(key) }]));
}

/** The keys a config accepts, with their roles. */
export function configuredApiKeys(config: Pick<GatewayConfig, 'apiKeys' | 'adminApiKeys'>): ApiKeys {
  return indexApiKeys(config.apiKeys, config.adminApiKeys ?? []);
}

/**
 * The caller a key stands for when `given` is an accepted key, else null. A
 * map lookup, computed once at boot: no request hashes the key it
 * sent. The lookup compares string hashes before contents, so a near-miss
 * costs the same as any miss (no prefix leaks through timing), and a hit is
 * an exact match already.
 */
export function callerOfKey(accepted: ApiKeys, given: string): Caller | null {
  return accepted.get(given) ?? null;
}

/** The caller's name when `given` is an accepted key, else null. */
export function matchApiKey(accepted: ApiKeys, given: string): string | null {
  return callerOfKey(accepted, given)?.callerId ?? null;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The caller for an `Authorization` header carrying an accepted key
 * (`Bearer <key>`); otherwise a 401 saying what was wrong, never which keys exist.
 */
export function callerOf(accepted: ApiKeys, authorization: string | undefined): Caller {
  const match = BEARER.exec(authorization ?? '');
  const caller = match ? callerOfKey(accepted, match[1]) : null;
  if (caller) return caller;
  throw new UnauthorizedException({
    code: 'unauthorized',
    message: match ? 'API key not recognised' : 'send an API key as "Authorization: Bearer <key>"',
  });
}
