import { actionFactsOf, CanonicalOrder, HistoryEntry, OrderStatus } from '@app/orders';
import { buildInboundSnapshot } from '@app/orders/testing';
import { CommandLeases, listingKey, orderIdFor, OrderIngestor, shardOf, storeKeys, VersionConflictError } from '@app/store';
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

/** A Joom order as a sync hands it to the ingestor. */
function joomInput(externalId: string, status: OrderStatus) {
  return {
    channel: 'joom' as const,
    account: 'main',
    externalId,
    placedAt: '2024-01-01T00:00:00.000Z',
    snapshot: buildInboundSnapshot({ status, channelStatus: status === 'ready' ? 'approved' : 'shipped' }),
  };
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

  it('ends the command lease a save names in the same call: only while that holder has it, never on a conflict', async () => {
    const order = await insert(a.repository, newOrder({ externalId: `lease-end-${Date.now()}` }));
    const raw = await connectRedis();
    const leases = new CommandLeases(raw);
    try {
      expect(await leases.take(order.id, 'commands-joom/cmd-1-1')).toBeNull();
      const ship = moved(order, 'shipped', 'crm');
      await expect(a.repository.save({ ...ship, expectedVersion: 0, previousStatus: 'ready', releaseLease: 'commands-joom/cmd-1-1' })).rejects.toBeInstanceOf(VersionConflictError);
      expect(await leases.take(order.id, 'commands-joom/next-1')).toEqual(expect.objectContaining({ holder: 'commands-joom/cmd-1-1' }));
      // A holder whose name is a prefix of the real one's is not it: saved, lease kept.
      const shipped = await a.repository.save({ ...ship, expectedVersion: 1, previousStatus: 'ready', releaseLease: 'commands-joom/cmd-1' });
      expect(await leases.take(order.id, 'commands-joom/next-1')).toEqual(expect.objectContaining({ holder: 'commands-joom/cmd-1-1' }));
      await a.repository.mutate(order.id, (current) => moved(current!, 'delivered', 'crm'), { known: shipped, releaseLease: 'commands-joom/cmd-1-1' });
      expect((await a.repository.get(order.id))?.status).toBe('delivered');
      expect(await leases.take(order.id, 'commands-joom/next-1')).toBeNull();
    } finally {
      raw.disconnect();
    }
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

  it('saves a batch in one call per shard, each order checked on its own: a conflict leaves the others saved', async () => {
    const a1 = await insert(a.repository, newOrder());
    const b1 = await insert(a.repository, newOrder());
    const fresh = newOrder();
    const outcomes = await b.repository.saveMany([
      { ...moved(a1, 'fulfilling', 'batch'), expectedVersion: 1, previousStatus: 'ready' },
      { ...moved(b1, 'cancelled', 'batch'), expectedVersion: 7, previousStatus: 'ready' },
      { order: fresh, history: [createdEntry(fresh)], expectedVersion: 0, previousStatus: null },
    ]);
    expect(outcomes[0]).toEqual(expect.objectContaining({ id: a1.id, status: 'fulfilling', version: 2 }));
    expect(outcomes[1]).toBeInstanceOf(VersionConflictError);
    expect(outcomes[2]).toEqual(expect.objectContaining({ id: fresh.id, version: 1 }));
    expect(await a.repository.get(a1.id)).toEqual(outcomes[0]);
    expect(await a.repository.get(b1.id)).toEqual(b1);
    expect((await a.repository.history(b1.id)).map((entry) => entry.kind)).toEqual(['created']);
    expect((await a.repository.history(a1.id)).map((entry) => [entry.kind, entry.version])).toEqual([
      ['created', 1],
      ['transition', 2],
    ]);
    const raw = await connectRedis();
    const eventsOf = async (id: string) =>
      (await raw.xrange(storeKeys.events(shardOf(id)), '-', '+')).map(([, fields]) => JSON.parse(fields[fields.indexOf('event') + 1])).filter((e) => e.orderId === id);
    expect((await eventsOf(a1.id)).map((e) => e.type)).toEqual(['order.created', 'order.transitioned']);
    expect((await eventsOf(b1.id)).map((e) => e.type)).toEqual(['order.created']);
    expect((await eventsOf(fresh.id)).map((e) => e.type)).toEqual(['order.created']);
    expect(await raw.zscore(storeKeys.indexStatus(shardOf(a1.id), 'ready'), listingKey(a1.createdAt, a1.id))).toBeNull();
    expect(await raw.zscore(storeKeys.indexStatus(shardOf(a1.id), 'fulfilling'), listingKey(a1.createdAt, a1.id))).toBe('0');
    raw.disconnect();
  });

  it('saves after the server lost its script cache (a Redis restart)', async () => {
    await insert(a.repository, newOrder());
    const raw = await connectRedis();
    await raw.script('FLUSH');
    raw.disconnect();
    const order = await insert(a.repository, newOrder());
    expect(await b.repository.get(order.id)).toEqual(order);
  });

  it('saves a batch spread over many shards', async () => {
    const orders = Array.from({ length: 64 }, () => newOrder());
    const outcomes = await a.repository.saveMany(orders.map((order) => ({ order, history: [createdEntry(order)], expectedVersion: 0, previousStatus: null })));
    expect(new Set(orders.map((order) => shardOf(order.id))).size).toBeGreaterThan(8);
    expect(outcomes.map((outcome) => (outcome instanceof VersionConflictError ? null : outcome.id))).toEqual(orders.map((order) => order.id));
    expect((await b.repository.getMany(orders.map((order) => order.id))).map((order) => order.version)).toEqual(orders.map(() => 1));
  });

  it('creates exactly one order when two writers upsert the same channel order at once', async () => {
    const order = newOrder();
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).repository.mutate(order.id, (current) => (current ? null : { order, history: [createdEntry(order)] }))),
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
        decisions.push(current!.money.total ?? 'null');
        return { order: { ...current!, money: { ...current!.money, total: (Number(current!.money.total) + 1).toFixed(2) } }, history: [] };
      },
      { known: stale },
    );
    expect(decisions).toEqual(['0.00', '5.00']);
    expect(saved).toEqual(expect.objectContaining({ version: 3, money: expect.objectContaining({ total: '6.00' }) }));
  });

  it('ingests a page of orders with one batch read, creating new ones and moving stored ones', async () => {
    const ingestor = new OrderIngestor(a.repository);
    const tag = `batch-${Date.now()}`;
    await ingestor.ingest(joomInput(`${tag}-1`, 'ready'), 'sync', 'test');
    const results = await ingestor.ingestMany([joomInput(`${tag}-1`, 'shipped'), joomInput(`${tag}-2`, 'ready')], 'sync', 'test');
    expect(results.map(({ order, created, changed }) => ({ status: order.status, version: order.version, created, changed }))).toEqual([
      { status: 'shipped', version: 2, created: false, changed: true },
      { status: 'ready', version: 1, created: true, changed: true },
    ]);
  });

  it('ingests a page again order by order where another writer got there between the batch read and the save', async () => {
    const tag = `race-${Date.now()}`;
    const plain = new OrderIngestor(a.repository);
    const [raced, untouched] = await Promise.all([plain.ingest(joomInput(`${tag}-1`, 'ready'), 'sync', 'test'), plain.ingest(joomInput(`${tag}-2`, 'ready'), 'sync', 'test')]);
    // A repository whose batch read is overtaken by another writer before the page is saved.
    const overtaken = Object.create(a.repository) as typeof a.repository;
    overtaken.getMany = async (ids) => {
      const seen = await a.repository.getMany(ids);
      await b.repository.mutate(raced.order.id, (current) => ({ order: { ...current!, money: { ...current!.money, total: '9.99' } }, history: [] }));
      return seen;
    };
    const results = await new OrderIngestor(overtaken).ingestMany([joomInput(`${tag}-1`, 'shipped'), joomInput(`${tag}-2`, 'ready')], 'sync', 'test');
    expect(results.map(({ order, created, changed }) => ({ status: order.status, version: order.version, created, changed }))).toEqual([
      { status: 'shipped', version: 3, created: false, changed: true },
      { status: 'ready', version: 1, created: false, changed: false },
    ]);
    // The other writer's change is kept, and the snapshot applied on top of it.
    expect(await a.repository.get(raced.order.id)).toEqual(expect.objectContaining({ status: 'shipped', version: 3, money: expect.objectContaining({ total: '9.99' }) }));
    expect(await a.repository.get(untouched.order.id)).toEqual(untouched.order);
  });

  it('ingests an order a page holds twice once, then applies the second copy on top', async () => {
    const externalId = `twice-${Date.now()}`;
    const results = await new OrderIngestor(a.repository).ingestMany([joomInput(externalId, 'ready'), joomInput(externalId, 'shipped')], 'sync', 'test');
    expect(results.map(({ order, created }) => ({ status: order.status, version: order.version, created }))).toEqual([
      { status: 'ready', version: 1, created: true },
      { status: 'shipped', version: 2, created: false },
    ]);
    expect((await a.repository.history(results[0].order.id)).map((entry) => entry.kind)).toEqual(['created', 'transition']);
  });

  it('ingests a page holding an order several times as if its orders came one by one', async () => {
    const tag = `copies-${Date.now()}`;
    const plain = new OrderIngestor(a.repository);
    // The same history for two orders: stored ready, then a page with it shipped and then ready again.
    for (const externalId of [`${tag}-batch`, `${tag}-single`]) await plain.ingest(joomInput(externalId, 'ready'), 'sync', 'test');
    await plain.ingestMany([joomInput(`${tag}-batch`, 'shipped'), joomInput(`${tag}-other`, 'ready'), joomInput(`${tag}-batch`, 'ready')], 'sync', 'test');
    for (const status of ['shipped', 'ready'] as const) await plain.ingest(joomInput(`${tag}-single`, status), 'sync', 'test');
    const [batched, single] = await Promise.all([`${tag}-batch`, `${tag}-single`].map((externalId) => a.repository.get(orderIdFor('joom', 'main', externalId))));
    const essentials = (order: CanonicalOrder | null) => ({ status: order?.status, version: order?.version, attention: order?.attention?.code ?? null });
    expect(essentials(batched)).toEqual(essentials(single));
    expect(essentials(batched)).toEqual({ status: 'shipped', version: 3, attention: 'status_regressed' });
  });

  it('writes nothing when the version check fails', async () => {
    const order = await insert(a.repository, newOrder());
    await expect(a.repository.save({ ...moved(order, 'shipped', 'stale'), expectedVersion: 5, previousStatus: 'ready' })).rejects.toBeInstanceOf(VersionConflictError);
    expect(await a.repository.getOrThrow(order.id)).toEqual(order);
    expect(await a.repository.history(order.id)).toHaveLength(1);
  });
});
