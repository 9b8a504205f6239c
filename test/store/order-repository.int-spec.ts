import { actionFactsOf, CanonicalOrder, HistoryEntry, OrderStatus } from '@app/orders';
import { buildInboundSnapshot } from '@app/orders/testing';
import { OrderIngestor, shardOf, storeKeys, VersionConflictError } from '@app/store';
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

  it('hands over the stored JSON untouched, with the action facts saved beside it', async () => {
    const saved = await insert(a.repository, newOrder({ externalId: 'Заказ-№2-ü' }));
    const moved1 = await a.repository.save({ ...moved(saved, 'shipped', 'worker-a'), expectedVersion: 1, previousStatus: 'ready' });
    const stored = await b.repository.getJson(saved.id);
    expect(stored).toEqual({ json: Buffer.from(JSON.stringify(moved1)), channel: saved.channel, facts: actionFactsOf(moved1) });
    expect(await b.repository.getJson('ord_000000000000000000000000')).toBeNull();
    expect(await b.repository.getJson('not-an-id')).toBeNull();
  });

  it('derives the action facts of an order stored before they were kept', async () => {
    const saved = await insert(a.repository, newOrder());
    const raw = await connectRedis();
    await raw.hdel(storeKeys.order(saved.id), 'af');
    raw.disconnect();
    expect((await a.repository.getJson(saved.id))?.facts).toEqual(actionFactsOf(saved));
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

  it('starts from a stale order the caller read earlier, and re-reads when it lost the race', async () => {
    const order = await insert(a.repository, newOrder({ money: { total: '0.00' } }));
    const stale = await a.repository.getOrThrow(order.id);
    await b.repository.mutate(order.id, (current) => ({ order: { ...current!, money: { ...current!.money, total: '5.00' } }, history: [] }));
    const decisions: string[] = [];
    const saved = await a.repository.mutate(
      order.id,
      (current) => {
        decisions.push(current!.money.total);
        return { order: { ...current!, money: { ...current!.money, total: (Number(current!.money.total) + 1).toFixed(2) } }, history: [] };
      },
      { known: stale },
    );
    expect(decisions).toEqual(['0.00', '5.00']);
    expect(saved).toEqual(expect.objectContaining({ version: 3, money: expect.objectContaining({ total: '6.00' }) }));
  });

  it('ingests a page of orders with one batch read, creating new ones and moving stored ones', async () => {
    const ingestor = new OrderIngestor(a.repository);
    const input = (externalId: string, status: OrderStatus) => ({
      channel: 'joom' as const,
      account: 'main',
      externalId,
      placedAt: '2024-01-01T00:00:00.000Z',
      snapshot: buildInboundSnapshot({ status, channelStatus: status === 'ready' ? 'approved' : 'shipped' }),
    });
    const tag = `batch-${Date.now()}`;
    await ingestor.ingest(input(`${tag}-1`, 'ready'), 'sync', 'test');
    const results = await ingestor.ingestMany([input(`${tag}-1`, 'shipped'), input(`${tag}-2`, 'ready')], 'sync', 'test');
    expect(results.map(({ order, created, changed }) => ({ status: order.status, version: order.version, created, changed }))).toEqual([
      { status: 'shipped', version: 2, created: false, changed: true },
      { status: 'ready', version: 1, created: true, changed: true },
    ]);
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
