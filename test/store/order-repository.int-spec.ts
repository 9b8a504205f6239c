import { CanonicalOrder, HistoryEntry, OrderStatus } from '@app/orders';
import { shardOf, storeKeys, VersionConflictError } from '@app/store';
import { connectRedis, createdEntry, flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

function moved(order: CanonicalOrder, to: OrderStatus, actor: string) {
  const next = { ...order, status: to, updatedAt: new Date().toISOString() };
  const entry: Omit<HistoryEntry, 'version'> = {
    kind: 'transition',
    at: next.updatedAt,
    from: order.status,
    to,
    cause: 'command',
    actor,
    requestId: `req-${actor}`,
  };
  return { order: next, history: [entry] };
}

describe('OrderRepository against real Redis', () => {
  let a: StoreFixture;
  let b: StoreFixture;

  beforeAll(async () => {
    await flushRedis();
    a = await openStore();
    b = await openStore();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('saves and reads back an order, its history and its outbound event together', async () => {
    const order = newOrder({ externalId: 'Заказ-№1-ü' });
    const saved = await insert(a.repository, order);
    expect(saved.version).toBe(1);
    expect(await a.repository.get(order.id)).toEqual(saved);
    const history = await a.repository.history(order.id);
    expect(history).toEqual([expect.objectContaining({ kind: 'created', to: 'ready', version: 1 })]);

    const raw = await connectRedis();
    const events = await raw.xrange(storeKeys.events(shardOf(order.id)), '-', '+');
    raw.disconnect();
    const mine = events.map(([, fields]) => JSON.parse(fields[fields.indexOf('event') + 1])).filter((e) => e.orderId === order.id);
    expect(mine).toEqual([expect.objectContaining({ type: 'order.created', to: 'ready', version: 1, eventId: `${order.id}:1:0` })]);
  });

  it('creates exactly one order when two writers upsert the same channel order at once', async () => {
    const order = newOrder();
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).repository.mutate(order.id, (current) =>
          current ? null : { order, history: [createdEntry(order)] },
        ),
      ),
    );
    expect(attempts.every((attempt) => attempt.status === 'fulfilled')).toBe(true);
    const stored = await a.repository.getOrThrow(order.id);
    expect(stored.version).toBe(1);
    expect((await a.repository.history(order.id)).filter((entry) => entry.kind === 'created')).toHaveLength(1);
  });

  it('lets exactly one of two concurrent version-checked transitions win', async () => {
    const order = await insert(a.repository, newOrder());
    const results = await Promise.allSettled([
      a.repository.save({ ...moved(order, 'fulfilling', 'worker-a'), expectedVersion: 1, previousStatus: 'ready' }),
      b.repository.save({ ...moved(order, 'cancelled', 'worker-b'), expectedVersion: 1, previousStatus: 'ready' }),
    ]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(VersionConflictError);
    const history = await a.repository.history(order.id);
    expect(history).toHaveLength(2);
    expect((await a.repository.getOrThrow(order.id)).version).toBe(2);
  });

  it('re-decides on conflict so no concurrent mutation is lost', async () => {
    const order = await insert(a.repository, newOrder({ money: { total: '0.00' } }));
    const bump = (fixture: StoreFixture) =>
      fixture.repository.mutate(order.id, (current) => {
        const total = (Number(current!.money.total) + 1).toFixed(2);
        return { order: { ...current!, money: { ...current!.money, total } }, history: [] };
      });
    await Promise.all(Array.from({ length: 6 }, (_, i) => bump(i % 2 ? a : b)));
    const stored = await a.repository.getOrThrow(order.id);
    expect(stored.money.total).toBe('6.00');
    expect(stored.version).toBe(7);
  });

  it('writes nothing when the version check fails', async () => {
    const order = await insert(a.repository, newOrder());
    await expect(
      a.repository.save({ ...moved(order, 'shipped', 'stale'), expectedVersion: 5, previousStatus: 'ready' }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect(await a.repository.getOrThrow(order.id)).toEqual(order);
    expect(await a.repository.history(order.id)).toHaveLength(1);
  });
});
