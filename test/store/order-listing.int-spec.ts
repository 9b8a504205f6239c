import { CanonicalOrder } from '@app/orders';
import { InvalidCursorError, OrderListQuery } from '@app/store';
import { flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

async function collectAll(store: StoreFixture, query: Omit<OrderListQuery, 'cursor'>, during?: () => Promise<void>) {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.listing.list({ ...query, cursor });
    seen.push(...page.items.map((order) => order.id));
    cursor = page.nextCursor ?? undefined;
    if (during) await during();
    if (++pages > 1000) throw new Error('paging did not end');
  } while (cursor);
  return seen;
}

describe('OrderListing against real Redis', () => {
  let store: StoreFixture;
  const orders: CanonicalOrder[] = [];

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    const base = Date.parse('2024-03-01T00:00:00.000Z');
    for (let i = 0; i < 240; i++) {
      const createdAt = new Date(base + Math.floor(i / 3) * 1000).toISOString(); // ties on purpose
      const order = newOrder({
        channel: i % 3 === 0 ? 'akinon' : 'joom',
        status: i % 4 === 0 ? 'shipped' : 'ready',
        attention: i % 10 === 0 ? { code: 'unmapped_status', message: 'x', since: createdAt } : null,
        createdAt,
        updatedAt: new Date(base + i * 60_000).toISOString(),
      });
      orders.push(await insert(store.repository, order));
    }
  });
  afterAll(() => store.close());

  it('pages through every order exactly once, in creation order', async () => {
    const seen = await collectAll(store, { limit: 7 });
    expect(seen).toHaveLength(orders.length);
    expect(new Set(seen).size).toBe(orders.length);
    const expected = [...orders].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)).map((o) => o.id);
    expect(seen).toEqual(expected);
  });

  it('neither skips nor repeats orders while they are being updated between pages', async () => {
    let touched = 0;
    const touch = async () => {
      for (let k = 0; k < 5; k++) {
        const victim = orders[(touched++ * 37) % orders.length];
        await store.repository.mutate(victim.id, (current) => ({
          order: { ...current!, updatedAt: new Date().toISOString(), channelStatus: `touched-${touched}` },
          history: [],
        }));
      }
    };
    const seen = await collectAll(store, { limit: 11 }, touch);
    expect(touched).toBeGreaterThan(50);
    expect(seen.sort()).toEqual(orders.map((o) => o.id).sort());
  });

  it.each([
    ['channel', { channel: 'akinon' as const }, (o: CanonicalOrder) => o.channel === 'akinon'],
    ['status', { status: 'shipped' as const }, (o: CanonicalOrder) => o.status === 'shipped'],
    ['attention', { attention: true }, (o: CanonicalOrder) => o.attention !== null],
    ['no attention', { attention: false }, (o: CanonicalOrder) => o.attention === null],
    ['status + channel', { status: 'shipped' as const, channel: 'joom' as const }, (o: CanonicalOrder) => o.status === 'shipped' && o.channel === 'joom'],
    ['updatedSince', { updatedSince: '2024-03-01T02:00:00.000Z' }, (o: CanonicalOrder) => o.updatedAt >= '2024-03-01T02:00:00.000Z'],
  ])('filters by %s', async (_name, filter, predicate) => {
    const seen = await collectAll(store, { limit: 50, ...filter });
    const now = await store.repository.getMany(orders.map((o) => o.id)); // earlier tests touched some
    const expected = now.filter(predicate).map((o) => o.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(seen.sort()).toEqual(expected.sort());
  });

  it('moves an order between status indexes when its status changes', async () => {
    const order = (await store.repository.getMany(orders.map((o) => o.id))).find((o) => o.status === 'ready')!;
    await store.repository.save({
      order: { ...order, status: 'cancelled' },
      expectedVersion: order.version,
      previousStatus: 'ready',
      history: [],
    });
    const ready = await collectAll(store, { limit: 500, status: 'ready' });
    const cancelled = await collectAll(store, { limit: 500, status: 'cancelled' });
    expect(ready).not.toContain(order.id);
    expect(cancelled).toEqual([order.id]);
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(store.listing.list({ limit: 5, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
