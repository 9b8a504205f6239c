import { CanonicalOrder, OrderStatus } from '@app/orders';
import { accountBackfilledKey, AccountIndexBackfill, ALL_SHARDS, ListLimits, OrderChange, OrderListing, OrderListQuery, storeKeys } from '@app/store';
import { createdEntry, flushRedis, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

type Filter = Omit<OrderListQuery, 'limit' | 'cursor'>;
const BASE = Date.parse('2024-03-01T00:00:00.000Z');
const STATUSES: OrderStatus[] = ['ready', 'fulfilling', 'shipped', 'cancelled'];
/** Two accounts per channel, as an ACCOUNTS_FILE with a second Joom store and a second Akinon seller would make them. */
const ACCOUNTS = [
  ['joom', 'main'],
  ['joom', 'eu'],
  ['akinon', 'main'],
  ['akinon', 'tr2'],
] as const;

async function seed(store: StoreFixture, count: number): Promise<CanonicalOrder[]> {
  const changes: OrderChange[] = [];
  for (let i = 0; i < count; i++) {
    const [channel, account] = ACCOUNTS[i % ACCOUNTS.length];
    const at = new Date(BASE + i * 60_000).toISOString();
    const order = newOrder({
      channel,
      account,
      // The same external id in both accounts of a channel: two orders, as two stores' orders are.
      externalId: `ext-${Math.floor(i / 2)}`,
      status: STATUSES[Math.floor(i / 4) % STATUSES.length],
      attention: i % 7 === 0 ? { code: 'fulfillment_error', message: 'stuck', since: at } : null,
      createdAt: at,
      updatedAt: new Date(BASE + ((i * 37) % count) * 60_000).toISOString(),
    });
    changes.push({ order, expectedVersion: 0, previousStatus: null, history: [createdEntry(order)] });
  }
  const saved: CanonicalOrder[] = [];
  for (const outcome of await store.repository.saveMany(changes)) {
    if (outcome instanceof Error) throw outcome;
    saved.push(outcome);
  }
  return saved;
}

function matches(order: CanonicalOrder, filter: Filter): boolean {
  if (filter.channel && order.channel !== filter.channel) return false;
  if (filter.account && order.account !== filter.account) return false;
  if (filter.status && order.status !== filter.status) return false;
  if (filter.attention !== undefined && (order.attention !== null) !== filter.attention) return false;
  if (filter.updatedSince && Date.parse(order.updatedAt) < Date.parse(filter.updatedSince)) return false;
  return true;
}

async function listAll(listing: OrderListing, filter: Filter, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listing.list({ ...filter, limit, cursor });
    ids.push(...page.items.map((order) => order.id));
    cursor = page.nextCursor ?? undefined;
    if (++pages > 1_000) throw new Error('paging did not end');
  } while (cursor);
  return ids;
}

/** `GET /v1/orders?account=` in the store (docs/api-decisions.md AC-7): an index per account id in every shard. */
describe('OrderListing by account', () => {
  let store: StoreFixture;
  let orders: CanonicalOrder[];
  const small: ListLimits = { budgetPerShard: 6, updatedRangeMax: 10 };

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    orders = await seed(store, 400);
  });
  afterAll(() => store.close());

  const expected = (filter: Filter) =>
    orders
      .filter((order) => matches(order, filter))
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : 1))
      .map((order) => order.id);

  const FILTERS: Filter[] = [
    { account: 'eu' },
    { account: 'main' },
    { channel: 'akinon', account: 'main' },
    { channel: 'joom', account: 'tr2' },
    { account: 'tr2', status: 'shipped' },
    { channel: 'joom', account: 'eu', attention: false },
    { account: 'main', attention: true },
    { account: 'eu', updatedSince: new Date(BASE + 380 * 60_000).toISOString() },
    { channel: 'joom', account: 'main', status: 'ready', updatedSince: new Date(BASE + 200 * 60_000).toISOString() },
  ];

  it.each(FILTERS)('lists exactly the orders of %j, page by page, with any other filter', async (filter) => {
    for (const [limits, limit] of [
      [undefined, 500],
      [small, 7],
    ] as const) {
      const listing = new OrderListing(store.redis, limits);
      expect(await listAll(listing, filter, limit)).toEqual(expected(filter));
    }
  });

  it('keeps two stores’ orders of one external id apart', async () => {
    const listing = new OrderListing(store.redis);
    const [main, eu] = await Promise.all([listAll(listing, { channel: 'joom', account: 'main' }, 500), listAll(listing, { channel: 'joom', account: 'eu' }, 500)]);
    expect(main).toHaveLength(100);
    expect(eu).toHaveLength(100);
    const byId = new Map(orders.map((order) => [order.id, order]));
    expect(new Set(main.map((id) => byId.get(id)!.externalId))).toEqual(new Set(eu.map((id) => byId.get(id)!.externalId)));
    expect(main.filter((id) => eu.includes(id))).toEqual([]);
  });

  it('an account with no orders lists nothing', async () => {
    expect(await listAll(new OrderListing(store.redis), { account: 'nobody' }, 50)).toEqual([]);
  });

  it('the backfill indexes orders saved before the account indexes existed, a document without an account as main, once', async () => {
    // One order stored before accounts existed: its document has no account.
    const legacy = orders.find((order) => order.channel === 'akinon' && order.account === 'main')!;
    const { account: _dropped, ...withoutAccount } = legacy;
    await store.redis.hset(storeKeys.order(legacy.id), 'doc', JSON.stringify(withoutAccount));
    // A store written before the indexes: none of them, no marks.
    for (const shard of ALL_SHARDS) {
      await store.redis.del(accountBackfilledKey(shard), ...['main', 'eu', 'tr2'].map((account) => storeKeys.indexAccount(shard, account)));
    }
    const listing = new OrderListing(store.redis);
    expect(await listAll(listing, { account: 'eu' }, 500)).toEqual([]);

    expect(await new AccountIndexBackfill(store.redis).run()).toBe(orders.length);
    for (const filter of FILTERS) expect(await listAll(listing, filter, 500)).toEqual(expected(filter));
    expect(await listAll(listing, { channel: 'akinon', account: 'main' }, 500)).toContain(legacy.id);
    // Marked: the next boot reads nothing, even if an entry went missing.
    await store.redis.del(storeKeys.indexAccount(ALL_SHARDS[0], 'eu'));
    expect(await new AccountIndexBackfill(store.redis).run()).toBe(0);
  });
});
