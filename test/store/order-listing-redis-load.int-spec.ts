import { Cluster } from 'ioredis';
import { OrderListing, RedisClient, shardOf } from '@app/store';
import { connectRedis, flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

/**
 * What one list page asks of Redis, seen on a real Redis through the
 * listing's own client: its shard scripts one at a time (a single-order read
 * on another connection then waits behind at most one of them) and its
 * documents in one pipeline — one per shard on a Cluster, where a pipeline
 * stays within one slot (README *Order store* › Listing).
 */
interface Traffic {
  scriptsInFlight: number;
  maxScriptsInFlight: number;
  scripts: number;
  pipelines: number;
}

/** The client as it is, counting the script calls it has in flight and the pipelines it sends. */
function observed(redis: RedisClient, traffic: Traffic): RedisClient {
  return new Proxy(redis, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'evalsha' || property === 'eval') {
        return async (...args: unknown[]) => {
          traffic.scripts++;
          traffic.maxScriptsInFlight = Math.max(traffic.maxScriptsInFlight, ++traffic.scriptsInFlight);
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            traffic.scriptsInFlight--;
          }
        };
      }
      if (property === 'pipeline') traffic.pipelines++;
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

describe('OrderListing: what a page asks of Redis', () => {
  let store: StoreFixture;
  let redis: RedisClient;

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    redis = await connectRedis(undefined, 'test-listing');
    const base = Date.parse('2024-05-01T00:00:00.000Z');
    // Enough orders that a page's 20 documents sit on many of the 16 shards.
    for (let i = 0; i < 60; i++) await insert(store.repository, newOrder({ createdAt: new Date(base + i * 1000).toISOString() }));
  });
  afterAll(async () => {
    redis.disconnect();
    await store.close();
  });

  it('runs one shard script at a time and reads the page in one pipeline (one per shard on a Cluster)', async () => {
    const traffic: Traffic = { scriptsInFlight: 0, maxScriptsInFlight: 0, scripts: 0, pipelines: 0 };
    const listing = new OrderListing(observed(redis, traffic));

    const page = await listing.list({ limit: 20 });

    expect(page.items).toHaveLength(20);
    expect(traffic.scripts).toBeGreaterThanOrEqual(16); // every shard answers, EVAL after a NOSCRIPT included
    expect(traffic.maxScriptsInFlight).toBe(1);
    const shards = new Set(page.items.map((order) => shardOf(order.id))).size;
    expect(traffic.pipelines).toBe(redis instanceof Cluster ? shards : 1);
  });
});
