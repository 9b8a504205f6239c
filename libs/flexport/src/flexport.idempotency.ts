import { createHash } from 'node:crypto';

/**
 * Deterministic `idempotency-key` values: the same command on the same order
 * always sends the same key, so a retry after a lost response is replayed by
 * Flexport instead of being carried out again.
 */
export const flexportIdempotencyKeys = {
  /** One key per gateway order, for every attempt of its create. */
  create: (gatewayOrderId: string): string => `gw:create:${headerSafe(gatewayOrderId)}`,
  /** Per order and reason: the same cancel command replays, a differently-worded one is a new request. */
  cancel: (providerOrderId: string, reason: string | undefined): string =>
    `gw:cancel:${headerSafe(providerOrderId)}:${digest(reason ?? '').slice(0, 12)}`,
  /**
   * Per failure episode (the order's `updatedAt` when it went to ERROR): the
   * same failure is retried once, a later failure of the same order can be
   * retried again. Null when Flexport gave no `updatedAt` — then only the
   * read-before-retry guard applies.
   */
  retry: (providerOrderId: string, failedAt: string | null | undefined): string | null =>
    failedAt ? `gw:retry:${headerSafe(providerOrderId)}:${digest(failedAt).slice(0, 12)}` : null,
};

/** Ids are ASCII in practice; anything else would break the header, so it is hashed instead. */
function headerSafe(value: string): string {
  return /^[\x21-\x7e]{1,128}$/.test(value) ? value : `sha256-${digest(value).slice(0, 32)}`;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
