import { CanonicalOrder, OrderStatus } from '@app/orders';
import { ALL_SHARDS, shardOf, shipByBackfilledKey, ShipByIndex, ShipByIndexBackfill, storeKeys } from '@app/store';
import { flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

const HOUR = 3_600_000;

/** Orders stored before the ship-by index existed enter it once, at boot; a later boot does nothing. */
describe('ShipByIndexBackfill', () => {
  let store: StoreFixture;
  const make = (count: number, status: OrderStatus, shipBy: string | null) =>
    Promise.all(Array.from({ length: count }, () => insert(store.repository, newOrder({ status, shippingConstraints: { requirement: null, shipBy, deliverBy: null } }))));

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
  });
  afterAll(() => store.close());

  it('indexes the unshipped orders with a ship-by, and only them, once', async () => {
    const soon = new Date(Date.now() + HOUR).toISOString();
    const waiting: CanonicalOrder[] = [...(await make(30, 'ready', soon)), ...(await make(5, 'fulfilling', soon)), ...(await make(3, 'on_hold', soon))];
    await make(10, 'ready', null);
    await make(10, 'shipped', soon);
    await make(4, 'cancelling', soon);
    const index = new ShipByIndex(store.redis);
    expect(await index.countDue(Date.now() + 2 * HOUR)).toBe(38);

    // A store written before the index existed: no index, no marks.
    for (const shard of ALL_SHARDS) await store.redis.del(storeKeys.indexShipBy(shard), shipByBackfilledKey(shard));
    expect(await index.countDue(Date.now() + 2 * HOUR)).toBe(0);

    expect(await new ShipByIndexBackfill(store.redis).run()).toBe(38);
    expect((await index.unflaggedDue(Date.now() + 2 * HOUR)).sort()).toEqual(waiting.map((order) => order.id).sort());
    expect(await index.countDue(Date.now())).toBe(0);
    // Marked: the next boot reads nothing, even if an entry went missing.
    await store.redis.del(storeKeys.indexShipBy(ALL_SHARDS[0]));
    expect(await new ShipByIndexBackfill(store.redis).run()).toBe(0);
  });

  it('pages past the flagged orders at the head of a shard to the unflagged ones behind them', async () => {
    await flushRedis();
    const overdue = await make(48, 'fulfilling', new Date(Date.now() - HOUR).toISOString());
    const flag = { code: 'fulfillment_error' as const, message: 'stuck at the provider', since: new Date().toISOString() };
    for (const order of overdue) await store.repository.mutate(order.id, (current) => ({ order: { ...current!, attention: flag }, history: [] }));
    const due = await make(12, 'ready', new Date(Date.now() + HOUR).toISOString());
    // One entry a page: a shard's head is flagged, and the check still finds the earliest unflagged order behind it.
    const found = await new ShipByIndex(store.redis).unflaggedDue(Date.now() + 2 * HOUR, 1);
    const shardsWithDue = new Set(due.map((order) => shardOf(order.id)));
    expect(found.length).toBe(shardsWithDue.size);
    expect(due.map((order) => order.id)).toEqual(expect.arrayContaining(found));
    expect(overdue.some((order) => shardsWithDue.has(shardOf(order.id)))).toBe(true);
  });
});
