import { AkinonLocationResolver } from './akinon-location.resolver';
import { AkinonOrderFeed } from './akinon-order.feed';
import { AkinonOrderReader } from './akinon-order.reader';
import { FakeAkinonServer, FakeListOrder } from './testing/fake-akinon-server';

const HOUR = 3_600_000;
const ORDERS: FakeListOrder[] = ['insertion', '-updated_at', 'updated_at', 'shuffled'];

function feedOn(server: FakeAkinonServer, overlapMs = 60_000): AkinonOrderFeed {
  const client = server.client;
  return new AkinonOrderFeed(client, new AkinonOrderReader(client, 4), { pageSize: 10, resumeOverlapMs: overlapMs, planBacklogDays: 3, planLookbackDays: 1, locations: new AkinonLocationResolver() });
}

/** Every page of one run; bounded so a paging bug fails instead of hanging. */
async function run(feed: AkinonOrderFeed, cursor: string | null) {
  const ids: string[] = [];
  let next = cursor;
  let resume: string;
  for (let pages = 0; pages < 300; pages++) {
    const page = await feed.changedOrders(next, { limit: 10 });
    ids.push(...page.orders.map((order) => order.externalId));
    resume = page.resumeCursor;
    next = page.nextCursor;
    if (!next) return { ids, resume };
  }
  throw new Error('paging did not end');
}

/** docs/api-decisions.md AK-5: windows of updated_at, read whole, so the server's list order never matters. */
describe.each(ORDERS)('Akinon orders feed, server listing in %s order', (listOrder) => {
  it.each([1, 2, 3])('skips no order while orders change and arrive mid-run (seed %i); the next run catches the changed ones', async (seed) => {
    const server = new FakeAkinonServer(listOrder, seed);
    for (let i = 0; i < 150; i++) server.addOrder(server.clockMs - 10 * 24 * HOUR + i * 90 * 60_000);
    const before = new Set(server.orders.map((entry) => entry.row.id));
    const changed = new Set<string>();
    let requests = 0;
    server.beforeEach = (path) => {
      if (path !== 'orders/' || ++requests % 2 !== 0) return;
      const order = server.pick();
      server.touch(order.id);
      changed.add(order.id);
      if (requests % 6 === 0) changed.add(server.addOrder().id);
    };

    const first = await run(feedOn(server), null);
    const untouched = [...before].filter((id) => !changed.has(id));
    expect(untouched.filter((id) => !first.ids.includes(id))).toEqual([]);
    expect(server.calls.filter((call) => 'ordering' in call.query)).toEqual([]);

    server.beforeEach = () => undefined;
    server.clockMs += 2000; // the next run, later: changes within the last second of a run's end belong to the run after it
    const second = await run(feedOn(server), first.resume);
    const seen = new Set([...first.ids, ...second.ids]);
    expect(server.orders.map((entry) => entry.row.id).filter((id) => !seen.has(id))).toEqual([]);
    expect([...changed].filter((id) => !second.ids.includes(id))).toEqual([]);
    expect(server.calls.length).toBeLessThan(1500);
  });

  it('reads more than a page of orders updated within one millisecond, page by page until a steady pass', async () => {
    const server = new FakeAkinonServer(listOrder, 9);
    const at = server.clockMs - HOUR;
    for (let i = 0; i < 35; i++) server.addOrder(at);
    for (let i = 0; i < 5; i++) server.addOrder(at - 5 * HOUR + i);
    const { ids } = await run(feedOn(server), null);
    expect(new Set(ids).size).toBe(40);
  });

  it("an idle run is one request; the resume cursor starts the overlap before the run's end", async () => {
    const server = new FakeAkinonServer(listOrder, 4);
    server.addOrder(server.clockMs - HOUR);
    const first = await run(feedOn(server, 60_000), null);
    expect(first.ids).toHaveLength(1);
    const calls = server.calls.length;
    const again = await run(feedOn(server, 60_000), first.resume);
    expect(again.ids).toEqual([]);
    expect(server.calls.length - calls).toBe(1);
    expect(server.calls.at(-1)?.query).toMatchObject({ updated_at__gte: expect.any(String) });
  });
});

describe.each(ORDERS)('Akinon cancellation plans feed, server listing in %s order', (listOrder) => {
  async function plans(feed: AkinonOrderFeed, cursor: string | null) {
    const ids: string[] = [];
    let next = cursor;
    for (let pages = 0; pages < 50; pages++) {
      const page = await feed.cancellationPlans(next, { limit: 10 });
      ids.push(...page.plans.map((plan) => plan.planId));
      if (!page.nextCursor) return { ids, resume: page.resumeCursor };
      next = page.nextCursor;
    }
    throw new Error('paging did not end');
  }

  it('reads every plan of the backlog by day, new ones created mid-run, and re-reads the look-back next run', async () => {
    const server = new FakeAkinonServer(listOrder, 5, Date.now());
    for (let i = 0; i < 45; i++) server.addPlan(server.clockMs - (i % 3) * 24 * HOUR - i * 1000);
    let made = 0;
    server.beforeEach = (path) => {
      if (path === 'cancellation-plans/' && made++ % 3 === 0) server.addPlan();
    };
    const first = await plans(feedOn(server), null);
    const all = server.plans.map((entry) => entry.row.id);
    const missed = all.filter((id) => !first.ids.includes(id));
    server.beforeEach = () => undefined;
    const second = await plans(feedOn(server), first.resume);
    expect(missed.filter((id) => !second.ids.includes(id))).toEqual([]);
    expect(second.ids.length).toBeGreaterThan(0);
    expect(server.calls.every((call) => !('ordering' in call.query))).toBe(true);
  });
});
