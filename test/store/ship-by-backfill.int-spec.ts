import { CanonicalOrder, OrderStatus } from '@app/orders';
import { ALL_SHARDS, shipByBackfilledKey, ShipByIndex, ShipByIndexBackfill, storeKeys } from '@app/store';
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
});
