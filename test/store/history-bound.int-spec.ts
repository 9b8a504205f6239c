import { CanonicalOrder } from '@app/orders';
import { InvalidCursorError, NewHistoryEntry, OrderRepository, shardOf, storeKeys } from '@app/store';
import { connectRedis, flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

const note = (n: number): NewHistoryEntry => ({ kind: 'annotation', at: new Date().toISOString(), from: 'ready', to: 'ready', cause: 'command', actor: 'test', requestId: null, note: `n${n}` });

/** Saves `count` more annotations on the order, `perSave` entries per atomic save. */
async function annotate(repository: OrderRepository, order: CanonicalOrder, count: number, perSave = 1): Promise<void> {
  for (let n = 0; n < count; n += perSave) {
    const entries = Array.from({ length: Math.min(perSave, count - n) }, (_, i) => note(n + i + 1));
    await repository.mutate(order.id, (current) => ({ order: { ...current!, updatedAt: new Date().toISOString() }, history: entries }));
  }
}

describe('an order’s history: bounded and paged', () => {
  let store: StoreFixture;
  let bounded: OrderRepository;

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    bounded = new OrderRepository(store.redis, { historyMaxEntriesPerOrder: 10 });
  });
  afterAll(() => store.close());

  it('keeps the newest entries past the bound, trims the oldest in the same save, counts them; the event stream keeps them all', async () => {
    const order = await insert(bounded, newOrder());
    await annotate(bounded, order, 14);
    await annotate(bounded, order, 6, 3); // a save of several entries trims by as many
    const page = await bounded.historyPage(order.id);
    expect(page.items.map((entry) => entry.note)).toEqual(['n11', 'n12', 'n13', 'n14', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
    expect(page.trimmed).toBe(11);
    expect(page.nextCursor).toBeNull();
    expect(await store.redis.llen(storeKeys.history(order.id))).toBe(10);
    expect((await bounded.history(order.id)).map((entry) => entry.version)).toEqual([12, 13, 14, 15, 16, 16, 16, 17, 17, 17]);

    const raw = await connectRedis();
    const events = (await raw.xrange(storeKeys.events(shardOf(order.id)), '-', '+')).filter(([, fields]) => fields.includes(order.id));
    raw.disconnect();
    expect(events).toHaveLength(21);
  });

  it('pages oldest first with an opaque cursor that survives a trim between pages', async () => {
    const order = await insert(bounded, newOrder());
    await annotate(bounded, order, 6); // 7 entries: created, n1..n6
    const one = await bounded.historyPage(order.id, { limit: 1 });
    const first = await bounded.historyPage(order.id, { limit: 3 });
    expect(first.items.map((entry) => entry.note ?? entry.kind)).toEqual(['created', 'n1', 'n2']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await bounded.historyPage(order.id, { limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((entry) => entry.note)).toEqual(['n3', 'n4', 'n5']);

    await annotate(bounded, order, 5); // 12 entries: the two oldest (created, n1) trimmed
    const third = await bounded.historyPage(order.id, { limit: 3, cursor: second.nextCursor! });
    expect(third.items.map((entry) => entry.note)).toEqual(['n6', 'n1', 'n2']);
    expect(third.trimmed).toBe(2);
    const rest = await bounded.historyPage(order.id, { cursor: third.nextCursor! });
    expect(rest.items.map((entry) => entry.note)).toEqual(['n3', 'n4', 'n5']);
    expect(rest.nextCursor).toBeNull();

    // A cursor into entries trimmed since (n1) resumes at the oldest kept one.
    const stale = await bounded.historyPage(order.id, { limit: 2, cursor: one.nextCursor! });
    expect(stale.items.map((entry) => entry.note)).toEqual(['n2', 'n3']);
  });

  it('refuses a cursor it did not issue', async () => {
    const order = await insert(bounded, newOrder());
    for (const cursor of ['nope', Buffer.from('h1:-1').toString('base64url'), Buffer.from('h1:01').toString('base64url'), Buffer.from('1').toString('base64url')]) {
      await expect(bounded.historyPage(order.id, { cursor })).rejects.toBeInstanceOf(InvalidCursorError);
    }
  });

  it('keeps 1000 entries per order by default', async () => {
    const order = await insert(store.repository, newOrder());
    await annotate(store.repository, order, 1_004, 100);
    const page = await store.repository.historyPage(order.id);
    expect(page.items).toHaveLength(1_000);
    expect(page.trimmed).toBe(5);
    expect([page.items[0].note, page.items[999].note]).toEqual(['n5', 'n1004']);
  });

  it('trims each order-events stream at about ORDER_EVENTS_MAX_LENGTH', async () => {
    const small = new OrderRepository(store.redis, { orderEventsMaxLength: 1_000 });
    const order = await insert(small, newOrder());
    await annotate(small, order, 1_500, 100);
    const length = await store.redis.xlen(storeKeys.events(shardOf(order.id)));
    // Approximate trimming (MAXLEN ~) removes whole stream nodes of 100 entries.
    expect(length).toBeGreaterThanOrEqual(1_000);
    expect(length).toBeLessThan(1_200);
  });
});
