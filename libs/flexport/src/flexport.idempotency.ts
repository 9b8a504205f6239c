import { createHash } from 'node:crypto';
import { FlexportCreateOrderRequest } from './flexport.types';

/**
 * Deterministic `idempotency-key` values: the same command on the same order
 * always sends the same key, so a retry after a lost response is replayed by
 * Flexport instead of being carried out again.
 */
export const flexportIdempotencyKeys = {
  /**
   * Per attempt and body (docs/api-decisions.md FX-2): a repeat of the same
   * request replays, a corrected body (a fixed address) is a new request
   * instead of Flexport's 422 "already used with a different request".
   * The attempt is in the key through `externalOrderId`.
   */
  create: (request: FlexportCreateOrderRequest): string => `gw:create:${headerSafe(request.externalOrderId)}:${digest(canonicalJson(request)).slice(0, 16)}`,
  /** Per order and reason: the same cancel command replays, a differently-worded one is a new request. */
  cancel: (providerOrderId: string, reason: string | undefined): string => `gw:cancel:${headerSafe(providerOrderId)}:${digest(reason ?? '').slice(0, 12)}`,
  /**
   * Per failure episode (the order's `updatedAt` when it went to ERROR): the
   * same failure is retried once, a later failure of the same order can be
   * retried again. Null when Flexport gave no `updatedAt` — then only the
   * read-before-retry guard applies.
   */
  retry: (providerOrderId: string, failedAt: string | null | undefined): string | null => (failedAt ? `gw:retry:${headerSafe(providerOrderId)}:${digest(failedAt).slice(0, 12)}` : null),
};

/** JSON with object keys sorted, so the same request always hashes the same whatever built it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Ids are ASCII in practice; anything else would break the header, so it is hashed instead. */
function headerSafe(value: string): string {
  return /^[\x21-\x7e]{1,128}$/.test(value) ? value : `sha256-${digest(value).slice(0, 32)}`;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
