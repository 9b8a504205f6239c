import { Cluster } from 'ioredis';
import { CanonicalOrder, Channel, OrderStatus } from '@app/orders';
import { ALL_SHARDS, DEFAULT_LIST_LIMITS, ListLimits, listingKey, OrderChange, OrderListing, OrderListQuery, decodeCursor, storeKeys, UpdatedIndexBackfill } from '@app/store';
import { createdEntry, flushRedis, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

type Filter = Omit<OrderListQuery, 'limit' | 'cursor'>;
const BASE = Date.parse('2024-03-01T00:00:00.000Z');
const STATUSES: OrderStatus[] = ['ready', 'fulfilling', 'shipped', 'delivered', 'cancelled'];

/** Seeds `count` orders through the production save path, 500 per saveMany. */
async function seed(store: StoreFixture, count: number, shape: (i: number) => Partial<CanonicalOrder>): Promise<CanonicalOrder[]> {
  const saved: CanonicalOrder[] = [];
  for (let from = 0; from < count; from += 500) {
    const changes: OrderChange[] = [];
    for (let i = from; i < Math.min(count, from + 500); i++) {
      const order = newOrder(shape(i));
      changes.push({ order, expectedVersion: 0, previousStatus: null, history: [createdEntry(order)] });
    }
    const outcomes = await store.repository.saveMany(changes);
    for (const outcome of outcomes) {
      if (outcome instanceof Error) throw outcome;
      saved.push(outcome);
    }
  }
  return saved;
}

function matches(order: CanonicalOrder, filter: Filter): boolean {
  if (filter.channel && order.channel !== filter.channel) return false;
  if (filter.status && order.status !== filter.status) return false;
  if (filter.attention !== undefined && (order.attention !== null) !== filter.attention) return false;
  if (filter.updatedSince && Date.parse(order.updatedAt) < Date.parse(filter.updatedSince)) return false;
  return true;
}

const keyOf = (order: CanonicalOrder) => listingKey(order.createdAt, order.id);

/** Pages to the end; answers the ids seen in order, the pages, and how many pages were short but carried a cursor. */
async function collect(listing: OrderListing, query: Omit<OrderListQuery, 'cursor'>, cursor?: string) {
  const seen: CanonicalOrder[] = [];
  let pages = 0;
  let short = 0;
  do {
    const page = await listing.list({ ...query, cursor });
    seen.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (cursor && page.items.length < query.limit) short++;
    if (++pages > 5_000) throw new Error('paging did not end');
  } while (cursor);
  return { seen, pages, short };
}

/** Redis's per-command call counters (summed over the masters of a Cluster): what a request made Redis do, scripts' inner calls included. */
async function commandCalls(store: StoreFixture): Promise<Record<string, number>> {
  const nodes = store.redis instanceof Cluster ? store.redis.nodes('master') : [store.redis];
  const totals: Record<string, number> = {};
  for (const node of nodes) {
    for (const [, name, calls] of (await node.info('commandstats')).matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) {
      totals[name] = (totals[name] ?? 0) + Number(calls);
    }
  }
  return totals;
}

async function callsDuring(store: StoreFixture, action: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await commandCalls(store);
  await action();
  const after = await commandCalls(store);
  return Object.fromEntries(Object.entries(after).map(([name, calls]) => [name, calls - (before[name] ?? 0)]));
}

describe('OrderListing filters, paging while orders change', () => {
  let store: StoreFixture;
  let orders: CanonicalOrder[];
  // Orders the concurrent writer moves between statuses; every other order keeps its channel, status and attention.
  const volatile = new Set<string>();
  const small: ListLimits = { budgetPerShard: 6, updatedRangeMax: 10 };

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    orders = await seed(store, 1_200, (i) => {
      const createdAt = new Date(BASE + Math.floor(i / 4) * 1000).toISOString(); // ties on purpose
      return {
        channel: (i % 3 === 0 ? 'akinon' : 'joom') as Channel,
        status: STATUSES[i % STATUSES.length],
        attention: i % 11 === 0 ? { code: 'unmapped_status', message: 'x', since: createdAt } : null,
        createdAt,
        updatedAt: new Date(BASE + ((i * 7919) % 1_200) * 60_000).toISOString(),
      } as Partial<CanonicalOrder>;
    });
    orders.filter((_, i) => i % 17 === 0).forEach((order) => volatile.add(order.id));
  });
  afterAll(() => store.close());

  const since = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();
  const FILTERS: [string, Filter][] = [
    ['nothing', {}],
    ['channel', { channel: 'akinon' }],
    ['status', { status: 'shipped' }],
    ['attention', { attention: true }],
    ['no attention', { attention: false }],
    ['updatedSince, few (the updatedAt range)', { updatedSince: since(1_190) }],
    ['updatedSince, most (an index walk)', { updatedSince: since(100) }],
    ['updatedSince in the future', { updatedSince: '2999-01-01T00:00:00Z' }],
    ['channel + status', { channel: 'joom', status: 'delivered' }],
    ['status + attention', { status: 'ready', attention: true }],
    ['channel + no attention + updatedSince', { channel: 'akinon', attention: false, updatedSince: since(600) }],
    ['all four', { channel: 'joom', status: 'fulfilling', attention: false, updatedSince: since(300) }],
  ];

  describe.each([
    ['default limits', DEFAULT_LIST_LIMITS],
    ['a budget of 6 entries per shard', small],
  ])('with %s', (_limits, limits) => {
    it.each(FILTERS)('filter %s: every match once, in listing order, while orders are written', async (_name, filter) => {
      const listing = new OrderListing(store.redis, limits);
      const before = await store.repository.getMany(orders.map((o) => o.id));
      let writing = true;
      let writes = 0;
      const writer = (async () => {
        for (let n = 0; writing; n++) {
          const victim = orders[(n * 37 + 11) % orders.length];
          await store.repository.mutate(victim.id, (current) => {
            const moved = volatile.has(victim.id) ? { status: STATUSES[(STATUSES.indexOf(current!.status) + 1) % STATUSES.length] } : {};
            return { order: { ...current!, ...moved, updatedAt: new Date().toISOString(), channelStatus: `touched-${n}` }, history: [] };
          });
          writes++;
        }
      })();
      const { seen } = await collect(listing, { limit: 9, ...filter });
      writing = false;
      await writer;
      const after = await store.repository.getMany(orders.map((o) => o.id));

      const ids = seen.map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
      const keys = seen.map(keyOf);
      expect(keys).toEqual([...keys].sort());
      // Stable orders that match now matched throughout (updatedAt only moves forward): each must be seen.
      const mustSee = after.filter((o) => !volatile.has(o.id) && matches(o, filter) && before.some((b) => b.id === o.id && matches(b, filter)));
      const mayNotSee = new Set(
        after
          .filter(
            (o) =>
              volatile.has(o.id) ||
              !matches(
                before.find((b) => b.id === o.id)!,
                filter,
              ),
          )
          .map((o) => o.id),
      );
      expect(ids.filter((id) => !mustSee.some((o) => o.id === id) && !mayNotSee.has(id))).toEqual([]);
      expect(mustSee.map((o) => o.id).filter((id) => !ids.includes(id))).toEqual([]);
      // Every item matched the filter when it was read.
      expect(seen.filter((o) => !matches(o, filter))).toEqual([]);
      if (filter.updatedSince !== '2999-01-01T00:00:00Z') expect(mustSee.length).toBeGreaterThan(0);
      expect(writes).toBeGreaterThan(0);
    });
  });

  it('continues from a cursor with exactly the matches after it', async () => {
    const filter: Filter = { status: 'ready', attention: false };
    const listing = new OrderListing(store.redis, small);
    const first = await collect(new OrderListing(store.redis), { limit: 500, ...filter });
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) cursor = (await listing.list({ limit: 7, ...filter, cursor })).nextCursor ?? undefined;
    const from = decodeCursor(cursor!);
    const rest = await collect(listing, { limit: 7, ...filter }, cursor);
    expect(rest.seen.map((o) => o.id)).toEqual(first.seen.filter((o) => keyOf(o) > from).map((o) => o.id));
  });
});

describe('OrderListing work per request at 20,000 orders', () => {
  let store: StoreFixture;
  const budget = DEFAULT_LIST_LIMITS.budgetPerShard;

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    // Joom orders are never delivered: `channel=joom&status=delivered` matches nothing while both indexes hold 10,000.
    await seed(store, 20_000, (i) => ({
      channel: (i % 2 === 0 ? 'akinon' : 'joom') as Channel,
      status: i % 2 === 0 ? 'delivered' : i % 4 === 1 ? 'cancelled' : 'ready',
      createdAt: new Date(BASE + i * 1000).toISOString(),
      updatedAt: new Date(BASE + i * 1000).toISOString(),
    }));
    await store.listing.list({ limit: 1 }); // loads the script: no NOSCRIPT round in what is counted
  }, 120_000);
  afterAll(() => store.close());

  it('a filter matching nothing examines at most the budget per shard, reads no document and answers a cursor', async () => {
    let page: Awaited<ReturnType<OrderListing['list']>> | undefined;
    const calls = await callsDuring(store, async () => {
      page = await store.listing.list({ channel: 'joom', status: 'delivered', limit: 50 });
    });
    expect(page!.items).toEqual([]);
    expect(page!.nextCursor).not.toBeNull();
    expect(calls.evalsha).toBe(16);
    expect(calls.hmget ?? 0).toBe(0);
    expect(calls.hget ?? 0).toBe(0);
    // Each shard walks the smaller index in batches of 64 (the limit when larger) and checks the other with one ZMSCORE per batch.
    const batches = 16 * Math.ceil(budget / 64);
    expect(calls.zrangebylex).toBeGreaterThanOrEqual(16);
    expect(calls.zrangebylex).toBeLessThanOrEqual(batches);
    expect(calls.zmscore).toBeLessThanOrEqual(batches);
    expect(calls.zscore ?? 0).toBe(0);
  });

  it('pages a filter matching nothing to its end in bounded steps', async () => {
    const { seen, pages } = await collect(store.listing, { channel: 'joom', status: 'delivered', limit: 50 });
    expect(seen).toEqual([]);
    // 10,000 entries in the walked index, up to 16 × budget examined per page.
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(10_000 / (16 * budget)));
    expect(pages).toBeLessThanOrEqual(Math.ceil(10_000 / (16 * budget)) + 2);
  });

  it('updatedSince in the future answers at once: no index walk, no document, no cursor', async () => {
    let page: Awaited<ReturnType<OrderListing['list']>> | undefined;
    const calls = await callsDuring(store, async () => {
      page = await store.listing.list({ updatedSince: '2999-01-01T00:00:00Z', limit: 50 });
    });
    expect(page).toEqual({ items: [], nextCursor: null });
    expect(calls.zrangebylex ?? 0).toBe(0);
    expect(calls.zmscore ?? 0).toBe(0);
    expect(calls.hmget ?? 0).toBe(0);
  });

  it('recent updates are read from the updatedAt range, only the page documents fetched', async () => {
    const bound = new Date(BASE + 19_990 * 1000).toISOString();
    let page: Awaited<ReturnType<OrderListing['list']>> | undefined;
    const calls = await callsDuring(store, async () => {
      page = await store.listing.list({ updatedSince: bound, limit: 50 });
    });
    expect(page!.items).toHaveLength(10);
    expect(page!.nextCursor).toBeNull();
    expect(calls.zrangebylex ?? 0).toBe(0);
    expect(calls.hmget).toBe(10);
  });

  it('a common filter fetches the page documents only', async () => {
    let page: Awaited<ReturnType<OrderListing['list']>> | undefined;
    const calls = await callsDuring(store, async () => {
      page = await store.listing.list({ status: 'ready', limit: 50 });
    });
    expect(page!.items).toHaveLength(50);
    expect(page!.items.every((o) => o.status === 'ready')).toBe(true);
    expect(calls.hmget).toBe(50);
    expect(calls.evalsha).toBe(16);
  });
});

describe('UpdatedIndexBackfill', () => {
  let store: StoreFixture;
  let orders: CanonicalOrder[];

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    orders = await seed(store, 1_100, (i) => ({ createdAt: new Date(BASE + i * 1000).toISOString(), updatedAt: new Date(BASE + i * 60_000).toISOString() }));
  });
  afterAll(() => store.close());

  it('indexes orders saved without the updatedAt index, once, from their upd field', async () => {
    // A store written before the index existed: the index keys are absent, the orders' `upd` fields are not.
    for (const shard of ALL_SHARDS) await store.redis.del(storeKeys.indexUpdated(shard));
    const bound = new Date(BASE + 1_000 * 60_000).toISOString();
    expect((await collect(store.listing, { limit: 500, updatedSince: bound })).seen).toEqual([]);

    expect(await new UpdatedIndexBackfill(store.redis).run()).toBe(1_100);
    const { seen } = await collect(store.listing, { limit: 500, updatedSince: bound });
    expect(seen.map((o) => o.id).sort()).toEqual(
      orders
        .slice(1_000)
        .map((o) => o.id)
        .sort(),
    );
    expect(await new UpdatedIndexBackfill(store.redis).run()).toBe(0);
  });
});
