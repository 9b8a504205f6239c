import { Inject, Injectable, Logger } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { CanonicalOrder, Channel } from '@app/orders';
import { encodeCursor, listingKey, OrderListing } from '@app/store';
import { driftTablesFor } from './drift-tables';
import { DRIFT_KINDS, DriftItem, DriftKind, DriftTables } from './drift.types';
import { findDrift } from './find-drift';

export interface DriftQuery {
  channel?: Channel;
  /** Items per page, 1–500. */
  limit: number;
  cursor?: string;
}

export interface DriftPage {
  items: DriftItem[];
  /** Where the next request continues; null once every order was examined. */
  nextCursor: string | null;
  /** Orders examined by this request. */
  scanned: number;
}

/** Drifting orders per kind (an order drifting in two ways counts once under each). */
export type DriftCounts = Record<DriftKind, number>;

/** Orders one request examines at most; past it the client continues from `nextCursor`. */
export const MAX_SCANNED_PER_REQUEST = 5_000;
/** Orders read per listing call (the listing's largest page). */
const LISTING_BATCH = 500;
/** Guards against a listing that keeps answering empty pages with a cursor. */
const MAX_LISTING_CALLS = 2 * Math.ceil(MAX_SCANNED_PER_REQUEST / LISTING_BATCH);
/** How long a full count is reused. */
export const COUNT_TTL_MS = 60_000;
/** Up to this age a count is still served while the next one is computed; older, callers wait. */
export const COUNT_MAX_STALE_MS = 5 * 60_000;

/**
 * The drift report: stored orders that disagree with their channel or with
 * Flexport (findDrift), read from the store alone — no remote call. Nothing
 * is indexed for drift, so both the page and the count scan the listing.
 */
@Injectable()
export class DriftReport {
  private readonly logger = new Logger(DriftReport.name);
  private readonly tables: DriftTables;
  private counted: { at: number; counts: DriftCounts } | null = null;
  private counting: Promise<DriftCounts> | null = null;

  constructor(
    private readonly listing: OrderListing,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.tables = driftTablesFor(config);
  }

  /**
   * One page of drift items, in listing order (creation time, then id), so
   * paging neither skips nor repeats an order while orders change. A page
   * examines at most MAX_SCANNED_PER_REQUEST orders and may then be short or
   * empty with a `nextCursor`. An order's items are never split across pages:
   * a page stops before an order whose items would exceed `limit` (the first
   * order of a page is always taken whole, so `limit` 1 still progresses).
   */
  async list(query: DriftQuery): Promise<DriftPage> {
    const items: DriftItem[] = [];
    let cursor = query.cursor;
    // The cursor just past the last order fully examined.
    let resumeAt = query.cursor;
    let scanned = 0;
    for (let calls = 0; scanned < MAX_SCANNED_PER_REQUEST && calls < MAX_LISTING_CALLS; calls++) {
      const page = await this.listing.list({ channel: query.channel, limit: Math.min(LISTING_BATCH, MAX_SCANNED_PER_REQUEST - scanned), cursor });
      for (const [i, order] of page.items.entries()) {
        const found = findDrift(order, this.tables);
        if (items.length > 0 && items.length + found.length > query.limit) return { items, nextCursor: resumeAt ?? null, scanned };
        items.push(...found);
        scanned++;
        resumeAt = cursorAfter(order);
        if (items.length >= query.limit) {
          const more = i < page.items.length - 1 || page.nextCursor !== null;
          return { items, nextCursor: more ? resumeAt : null, scanned };
        }
      }
      if (page.nextCursor === null) return { items, nextCursor: null, scanned };
      cursor = resumeAt = page.nextCursor;
    }
    return { items, nextCursor: cursor ?? null, scanned };
  }

  /**
   * Drifting orders per kind over the whole store, for the metrics scrape.
   * A full scan is reused for COUNT_TTL_MS; once older, the previous count is
   * still answered at once (up to COUNT_MAX_STALE_MS) while one new scan runs
   * in the background, so a scrape does not wait for a scan.
   */
  count(): Promise<DriftCounts> {
    const last = this.counted;
    const age = last ? Date.now() - last.at : Infinity;
    if (last && age < COUNT_TTL_MS) return Promise.resolve(last.counts);
    this.counting ??= this.countAll()
      .then((counts) => {
        this.counted = { at: Date.now(), counts };
        return counts;
      })
      .finally(() => (this.counting = null));
    if (last && age < COUNT_MAX_STALE_MS) {
      this.counting.catch((error: unknown) => this.logger.warn(`drift count failed, serving the previous one: ${String(error)}`));
      return Promise.resolve(last.counts);
    }
    return this.counting;
  }

  private async countAll(): Promise<DriftCounts> {
    const counts = Object.fromEntries(DRIFT_KINDS.map((kind) => [kind, 0])) as DriftCounts;
    let cursor: string | undefined;
    do {
      const page = await this.listing.list({ limit: LISTING_BATCH, cursor });
      for (const order of page.items) for (const item of findDrift(order, this.tables)) counts[item.kind]++;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return counts;
  }
}

/** The listing cursor that continues just after `order` (the listing pages by this key). */
function cursorAfter(order: CanonicalOrder): string {
  return encodeCursor(listingKey(order.createdAt, order.id));
}
