import { Channel, OrderStatus } from '@app/orders';
import { shardOf } from './order-identity';

/**
 * Redis key layout. Every key of one order — its document, its history, the
 * index entries and the outbound event stream it writes to — carries the
 * same hash tag `{s-<shard>}`, so one Lua script can update them atomically
 * and the whole layout runs unchanged on Redis Cluster (16 shards spread
 * over the masters).
 *
 *   gw:order:{s-a}:<id>        hash  doc (JSON), v, ch, st, att, upd, ck, af (action facts JSON), ht (history entries trimmed)
 *   gw:history:{s-a}:<id>      list  history entries (JSON), oldest first; the newest HISTORY_MAX_ENTRIES_PER_ORDER
 *   gw:idx:{s-a}:all           zset  every order       (score 0, member = listing key)
 *   gw:idx:{s-a}:ch:<channel>  zset  orders of a channel
 *   gw:idx:{s-a}:st:<status>   zset  orders in a status
 *   gw:idx:{s-a}:attention     zset  orders flagged for attention
 *   gw:idx:{s-a}:acct:<account>  zset  orders of an account id, whatever their channel (AC-7)
 *   gw:idx:{s-a}:acct-backfilled string  set once the shard's older orders are in their account index (AccountIndexBackfill)
 *   gw:idx:{s-a}:upd           zset  every order, scored by updatedAt (ms); member = listing key
 *   gw:idx:{s-a}:shipby        zset  orders waiting to ship before a deadline, scored by ship-by (ms); member = listing key
 *   gw:idx:{s-a}:shipby:backfilled  string  set once the shard's older orders are in the ship-by index (ShipByIndexBackfill)
 *   order-events:{s-a}         stream one entry per history entry (see README)
 *   gw:command:{s-a}:<id>      string the job running the order's command (CommandLeases)
 *   gw:routing:{s-a}:due       zset  orders routing owes another look, scored by when (ms); member = order id (RoutingBacklog)
 */
export const shardTag = (shard: string): string => `{s-${shard}}`;

export const storeKeys = {
  order: (id: string) => `gw:order:${shardTag(shardOf(id))}:${id}`,
  history: (id: string) => `gw:history:${shardTag(shardOf(id))}:${id}`,
  events: (shard: string) => `order-events:${shardTag(shard)}`,
  indexAll: (shard: string) => `gw:idx:${shardTag(shard)}:all`,
  indexChannel: (shard: string, channel: Channel) => `gw:idx:${shardTag(shard)}:ch:${channel}`,
  indexStatus: (shard: string, status: OrderStatus) => `gw:idx:${shardTag(shard)}:st:${status}`,
  indexAttention: (shard: string) => `gw:idx:${shardTag(shard)}:attention`,
  indexAccount: (shard: string, account: string) => `gw:idx:${shardTag(shard)}:acct:${account}`,
  indexUpdated: (shard: string) => `gw:idx:${shardTag(shard)}:upd`,
  indexShipBy: (shard: string) => `gw:idx:${shardTag(shard)}:shipby`,
  /** The order hash key without the id: the listing script appends ids of its own shard to it. */
  orderPrefix: (shard: string) => `gw:order:${shardTag(shard)}:`,
  commandLease: (id: string) => `gw:command:${shardTag(shardOf(id))}:${id}`,
  routingDue: (shard: string) => `gw:routing:${shardTag(shard)}:due`,
};

/**
 * The account an order is indexed under: its own, or `main` — the
 * environment's account, each channel's default — for a document stored
 * without one (docs/api-decisions.md AC-7).
 */
export function indexedAccountOf(order: { account?: string | null }): string {
  return order.account || 'main';
}

/**
 * The listing key orders an index: creation time (ms, zero-padded) then id.
 * It never changes for an order, so paging by it neither skips nor repeats
 * orders while they are being updated.
 */
export function listingKey(createdAt: string, id: string): string {
  return `${String(Date.parse(createdAt)).padStart(15, '0')}:${id}`;
}

export function idOfListingKey(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}
