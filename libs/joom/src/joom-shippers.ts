import { carrierKey } from './joom-accepted-providers';

/** One entry of v3 `GET /shippers` (`data.items[]`, docs/vendor/real-api-facts.md); only what resolution reads. */
export interface JoomV3Shipper {
  id: string;
  name: string;
  /** Absent in a payload that does not say; false = online shipping only (not usable for `orders/fulfill`). */
  offlineShipping?: boolean;
}

/** How long a shippers list is trusted (docs/api-decisions.md CA-2). */
export const DEFAULT_SHIPPERS_TTL_MS = 60 * 60_000;

/**
 * v3's shippers list, read once and kept for a TTL. A name it does not know
 * reloads it at once — at most once per TTL, so a carrier Joom really does
 * not have costs one extra call an hour, not one per push. Concurrent lookups
 * share one load; a failed load (5xx, timeout) propagates and keeps nothing.
 */
export class JoomShippers {
  private list: readonly JoomV3Shipper[] | null = null;
  private loadedAt = -Infinity;
  private missReloadAt = -Infinity;
  private loading: Promise<readonly JoomV3Shipper[]> | null = null;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly load: () => Promise<readonly JoomV3Shipper[]>,
    options: { ttlMs?: number; now?: () => number } = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_SHIPPERS_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * The shipper named `name` (any case, runs of spaces as one; no other
   * fuzziness — docs/api-decisions.md CA-2), preferring one that ships
   * offline; null when Joom has none by that name.
   */
  async find(name: string): Promise<JoomV3Shipper | null> {
    const stale = this.list === null || this.now() - this.loadedAt >= this.ttlMs;
    const found = byName(stale ? await this.reload() : this.list!, name);
    if (found || stale || this.now() - this.missReloadAt < this.ttlMs) return found;
    this.missReloadAt = this.now();
    return byName(await this.reload(), name);
  }

  private reload(): Promise<readonly JoomV3Shipper[]> {
    this.loading ??= this.load()
      .then((list) => {
        this.list = list;
        this.loadedAt = this.now();
        return list;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}

function byName(list: readonly JoomV3Shipper[], name: string): JoomV3Shipper | null {
  const key = carrierKey(name);
  const named = list.filter((shipper) => carrierKey(shipper.name) === key);
  return named.find((shipper) => shipper.offlineShipping !== false) ?? named[0] ?? null;
}
