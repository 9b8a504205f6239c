import { Inject, Injectable } from '@nestjs/common';
import { CanonicalOrder, Channel, OrderStatus } from '@app/orders';
import { ALL_SHARDS } from './order-identity';
import { decodeCursor, encodeCursor } from './list-cursor';
import { RedisClient } from './redis-client.factory';
import { redisCall } from './redis-call';
import { REDIS_CLIENT } from './redis.tokens';
import { idOfListingKey, storeKeys } from './store-keys';

export interface OrderListQuery {
  channel?: Channel;
  status?: OrderStatus;
  attention?: boolean;
  /** ISO time; only orders updated at or after it. */
  updatedSince?: string;
  limit: number;
  cursor?: string;
}

export interface OrderListPage {
  items: CanonicalOrder[];
  /** Null when there is nothing more; a page may hold fewer than `limit` items and still have a next cursor. */
  nextCursor: string | null;
}

/** How many index entries one shard examines per request, so a rare filter cannot make a request unbounded. */
const SCAN_BUDGET_PER_SHARD = 2_000;
const END = '\uffff';

interface ShardScan {
  matches: { key: string; order: CanonicalOrder }[];
  /** Every entry up to this key was examined; END when the shard's index is exhausted. */
  frontier: string;
}

/**
 * Lists orders in a stable order (creation time, then id) with cursor paging.
 * Each of the 16 shards is scanned from the cursor through the most selective
 * index, the other filters are checked on the order's hash fields, and the
 * shards' results are merged up to the lowest point every shard has examined —
 * so a page never skips or repeats an order, even while orders change.
 */
@Injectable()
export class OrderListing {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  async list(query: OrderListQuery): Promise<OrderListPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const scans = await Promise.all(ALL_SHARDS.map((shard) => this.scanShard(shard, query, after)));
    const frontier = scans.reduce((lowest, scan) => (scan.frontier < lowest ? scan.frontier : lowest), END);
    const candidates = scans
      .flatMap((scan) => scan.matches)
      .filter((match) => match.key <= frontier)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const page = candidates.slice(0, query.limit);
    let nextCursor: string | null = null;
    if (page.length === query.limit && page.length > 0) nextCursor = encodeCursor(page[page.length - 1].key);
    else if (frontier !== END) nextCursor = encodeCursor(frontier);
    return { items: page.map((match) => match.order), nextCursor };
  }

  private async scanShard(shard: string, query: OrderListQuery, after: string | null): Promise<ShardScan> {
    const index = this.indexFor(shard, query);
    const updatedSinceMs = query.updatedSince ? Date.parse(query.updatedSince) : null;
    const batch = Math.max(query.limit, 50);
    const matches: ShardScan['matches'] = [];
    let start = after ? `(${after}` : '-';
    let scanned = 0;
    while (scanned < SCAN_BUDGET_PER_SHARD) {
      const keys = await redisCall(() => this.redis.zrangebylex(index, start, '+', 'LIMIT', 0, batch));
      if (keys.length === 0) return { matches, frontier: END };
      const rows = await this.readRows(keys);
      for (let i = 0; i < keys.length; i++) {
        scanned++;
        const row = rows[i];
        if (row && this.matches(row, query, updatedSinceMs)) {
          matches.push({ key: keys[i], order: JSON.parse(row.doc) as CanonicalOrder });
          if (matches.length >= query.limit) return { matches, frontier: keys[i] };
        }
      }
      if (keys.length < batch) return { matches, frontier: END };
      start = `(${keys[keys.length - 1]}`;
    }
    return { matches, frontier: start.slice(1) };
  }

  private indexFor(shard: string, query: OrderListQuery): string {
    if (query.status) return storeKeys.indexStatus(shard, query.status);
    if (query.attention === true) return storeKeys.indexAttention(shard);
    if (query.channel) return storeKeys.indexChannel(shard, query.channel);
    return storeKeys.indexAll(shard);
  }

  private async readRows(keys: string[]): Promise<(IndexedRow | null)[]> {
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.hmget(storeKeys.order(idOfListingKey(key)), 'ch', 'st', 'att', 'upd', 'doc');
    const results = (await redisCall(() => pipeline.exec())) ?? [];
    return results.map(([error, value]) => {
      const [ch, st, att, upd, doc] = (value ?? []) as (string | null)[];
      return error || !doc ? null : { ch: ch!, st: st!, att: att === '1', upd: Number(upd), doc };
    });
  }

  private matches(row: IndexedRow, query: OrderListQuery, updatedSinceMs: number | null): boolean {
    if (query.channel && row.ch !== query.channel) return false;
    if (query.status && row.st !== query.status) return false;
    if (query.attention !== undefined && row.att !== query.attention) return false;
    if (updatedSinceMs !== null && row.upd < updatedSinceMs) return false;
    return true;
  }
}

interface IndexedRow {
  ch: string;
  st: string;
  att: boolean;
  upd: number;
  doc: string;
}
