import { Inject, Injectable, Optional } from '@nestjs/common';
import { Cluster } from 'ioredis';
import { ActionFacts, actionFactsOf, AttentionCode, CanonicalOrder, Channel, OrderStatus } from '@app/orders';
import type { StoredOrderJson } from './order.repository';
import { ALL_SHARDS, shardOf } from './order-identity';
import { LIST_SHARD_LUA } from './list-shard.script';
import { luaScript, runLuaScript } from './lua-script';
import { decodeCursor, encodeCursor } from './list-cursor';
import { RedisClient } from './redis-client.factory';
import { redisCall } from './redis-call';
import { LISTING_REDIS_CLIENT } from './redis.tokens';
import { idOfListingKey, storeKeys } from './store-keys';

export interface OrderListQuery {
  channel?: Channel;
  /** An account id: the orders synced from that account (of `channel`, else of every channel having one of that id). */
  account?: string;
  status?: OrderStatus;
  /**
   * true / false: flagged or not; a code: flagged with that code — walked
   * through the attention index, each flagged order's code checked on its
   * document, so a page may be short (with a cursor) where other codes sit.
   */
  attention?: boolean | AttentionCode;
  /** ISO time; only orders updated at or after it. */
  updatedSince?: string;
  limit: number;
  cursor?: string;
}

export interface OrderListJsonPage {
  items: StoredOrderJson[];
  nextCursor: string | null;
}

export interface OrderListPage {
  items: CanonicalOrder[];
  /** Null when there is nothing more; a page may hold fewer than `limit` items and still have a next cursor. */
  nextCursor: string | null;
}

/**
 * How much one request may examine. `budgetPerShard`: index entries one
 * shard's script call walks at most — what bounds a request whose filters
 * match little (16 × it in all), and how long that call holds Redis from
 * every other client (a script runs alone). `updatedRangeMax`: most orders
 * updated since the bound for which a shard reads the updatedAt range whole
 * rather than walking an index. Measured at 1,000,000 orders (README
 * *Benchmarks*): at 400 a request whose filters match little cost Redis
 * 8–18 ms of CPU and three filter combinations missed p99 ≤ 50 ms; 150
 * keeps such a request to a few ms (its page comes back short, with a
 * cursor). Clients paging through a rare match make more, cheaper requests.
 */
export interface ListLimits {
  budgetPerShard: number;
  updatedRangeMax: number;
}

export const DEFAULT_LIST_LIMITS: ListLimits = { budgetPerShard: 150, updatedRangeMax: 400 };

/** Injection token of ListLimits (optional: tests set small ones to exercise short pages). */
export const LIST_LIMITS = Symbol('LIST_LIMITS');

const END = '\uffff';
/**
 * Shard script calls a request has in flight: one. Redis runs the commands
 * a connection has sent back to back, so a single-order read that arrives
 * while k list scripts are queued waits for all k. With 8 list clients at
 * 200,000 orders, one in flight gives reads beside them about half the p99
 * of four in flight, for a round trip per shard call (a quarter to a third
 * fewer list pages per second; README *Benchmarks* › Single-order reads
 * beside lists).
 */
const SHARD_CALLS_IN_FLIGHT = 1;

const LIST_SHARD = luaScript(LIST_SHARD_LUA);

interface ShardScan {
  keys: string[];
  /** Every entry up to this key was examined; END when the shard's index is exhausted. */
  frontier: string;
}

/**
 * Lists orders in a stable order (creation time, then id) with cursor paging.
 * Each of the 16 shards filters its own indexes in one script call (see
 * list-shard.script.ts: the most selective index drives, the others are
 * checked by ZMSCORE, at most `budgetPerShard` entries examined) and
 * answers matching listing keys; the shards' keys are merged up to the lowest
 * point every shard has examined — so a page never skips or repeats an
 * order, even while orders change — and only the page's documents are read.
 */
@Injectable()
export class OrderListing {
  constructor(
    @Inject(LISTING_REDIS_CLIENT) private readonly redis: RedisClient,
    @Optional() @Inject(LIST_LIMITS) private readonly limits: ListLimits = DEFAULT_LIST_LIMITS,
  ) {}

  async list(query: OrderListQuery): Promise<OrderListPage> {
    const { rows, nextCursor } = await this.page(query);
    return { items: rows.map((row) => JSON.parse(row.doc.toString()) as CanonicalOrder), nextCursor };
  }

  /** The same page with each order as its stored JSON bytes (see OrderRepository.getJson): for a reader that passes them on. */
  async listJson(query: OrderListQuery): Promise<OrderListJsonPage> {
    const { rows, nextCursor } = await this.page(query);
    const items = rows.map((row) => ({
      json: row.doc,
      channel: row.ch as Channel,
      facts: row.af ? (JSON.parse(row.af) as ActionFacts) : actionFactsOf(JSON.parse(row.doc.toString()) as CanonicalOrder),
    }));
    return { items, nextCursor };
  }

  private async page(query: OrderListQuery): Promise<{ rows: IndexedRow[]; nextCursor: string | null }> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const updatedSinceMs = query.updatedSince ? Date.parse(query.updatedSince) : null;
    const scans = await mapLimited(ALL_SHARDS, SHARD_CALLS_IN_FLIGHT, (shard) => this.scanShard(shard, query, after, updatedSinceMs));
    const frontier = scans.reduce((lowest, scan) => (scan.frontier < lowest ? scan.frontier : lowest), END);
    const candidates = scans
      .flatMap((scan) => scan.keys)
      .filter((key) => key <= frontier)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const page = candidates.slice(0, query.limit);
    let nextCursor: string | null = null;
    if (page.length === query.limit && page.length > 0) nextCursor = encodeCursor(page[page.length - 1]);
    else if (frontier !== END) nextCursor = encodeCursor(frontier);
    const rows = await this.readRows(page);
    // Re-checked on the order as read: one changed since the script ran is left out, as if changed just before.
    return { rows: rows.filter((row): row is IndexedRow => row !== null && this.matches(row, query, updatedSinceMs)), nextCursor };
  }

  private async scanShard(shard: string, query: OrderListQuery, after: string | null, updatedSinceMs: number | null): Promise<ShardScan> {
    const membership: string[] = [];
    if (query.status) membership.push(storeKeys.indexStatus(shard, query.status));
    if (query.channel) membership.push(storeKeys.indexChannel(shard, query.channel));
    if (query.account) membership.push(storeKeys.indexAccount(shard, query.account));
    if (query.attention !== undefined && query.attention !== false) membership.push(storeKeys.indexAttention(shard));
    if (membership.length === 0) membership.push(storeKeys.indexAll(shard));
    const exclusion = query.attention === false ? [storeKeys.indexAttention(shard)] : [];
    const keys = [storeKeys.indexUpdated(shard), ...membership, ...exclusion];
    const args = [after ?? '', query.limit, this.limits.budgetPerShard, updatedSinceMs === null ? '' : String(updatedSinceMs), membership.length, this.limits.updatedRangeMax];
    const [frontier, ...matched] = await redisCall(() => runLuaScript<string[]>(this.redis, LIST_SHARD, keys, args));
    return { keys: matched, frontier: frontier === '' ? END : frontier };
  }

  /**
   * The page's orders in the page's order: one pipeline on a single Redis
   * (one write and one wake-up of Redis for the page, where a write per
   * shard cost the api and Redis a syscall each), one per shard on a Cluster
   * (a Cluster pipeline stays within one slot).
   */
  private async readRows(keys: readonly string[]): Promise<(IndexedRow | null)[]> {
    const rows: (IndexedRow | null)[] = new Array(keys.length).fill(null);
    const groups = new Map<string, number[]>();
    keys.forEach((key, index) => {
      const group = this.redis instanceof Cluster ? shardOf(idOfListingKey(key)) : '';
      const indexes = groups.get(group);
      if (indexes) indexes.push(index);
      else groups.set(group, [index]);
    });
    await Promise.all(
      [...groups.values()].map(async (indexes) => {
        const pipeline = this.redis.pipeline();
        for (const index of indexes) pipeline.hmgetBuffer(storeKeys.order(idOfListingKey(keys[index])), 'ch', 'st', 'att', 'upd', 'af', 'doc');
        const results = (await redisCall(() => pipeline.exec())) ?? [];
        results.forEach(([error, value], n) => {
          const [ch, st, att, upd, af, doc] = (value ?? []) as (Buffer | null)[];
          rows[indexes[n]] = error || !doc ? null : { ch: String(ch), st: String(st), att: String(att) === '1', upd: Number(String(upd)), af: af ? af.toString() : null, doc };
        });
      }),
    );
    return rows;
  }

  private matches(row: IndexedRow, query: OrderListQuery, updatedSinceMs: number | null): boolean {
    if (query.channel && row.ch !== query.channel) return false;
    if (query.status && row.st !== query.status) return false;
    if (typeof query.attention === 'boolean' && row.att !== query.attention) return false;
    if (typeof query.attention === 'string' && (!row.att || attentionCodeOf(row.doc) !== query.attention)) return false;
    if (updatedSinceMs !== null && row.upd < updatedSinceMs) return false;
    return true;
  }
}

/** The code of a stored order's flag: read from its document, only for a listing by code. */
function attentionCodeOf(doc: Buffer): AttentionCode | null {
  return (JSON.parse(doc.toString()) as CanonicalOrder).attention?.code ?? null;
}

interface IndexedRow {
  ch: string;
  st: string;
  att: boolean;
  upd: number;
  /** Action facts JSON; null on orders saved before it was kept. */
  af: string | null;
  doc: Buffer;
}

/** `work` over `items`, at most `inFlight` at a time, answers in the items' order. */
async function mapLimited<T, R>(items: readonly T[], inFlight: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, lane));
  return results;
}
