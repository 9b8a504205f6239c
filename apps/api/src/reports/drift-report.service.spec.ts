import { GatewayConfig } from '@app/config';
import { CanonicalOrder } from '@app/orders';
import { buildOrder, DeepPartial } from '@app/orders/testing';
import { decodeCursor, encodeCursor, listingKey, OrderListing, OrderListQuery } from '@app/store';
import { COUNT_TTL_MS, DriftReport, MAX_SCANNED_PER_REQUEST } from './drift-report.service';

/** The listing's contract in memory: stable key order, pages up to `limit`, a cursor while more remain. */
class FakeListing {
  readonly calls: OrderListQuery[] = [];
  constructor(private readonly orders: CanonicalOrder[]) {
    orders.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  }

  async list(query: OrderListQuery) {
    this.calls.push(query);
    const after = query.cursor ? decodeCursor(query.cursor) : '';
    const rest = this.orders.filter((order) => key(order) > after && (!query.channel || order.channel === query.channel));
    const items = rest.slice(0, query.limit);
    return { items, nextCursor: rest.length > items.length ? encodeCursor(key(items[items.length - 1])) : null };
  }
}

const key = (order: CanonicalOrder) => listingKey(order.createdAt, order.id);
const CONFIG = { channels: { joom: { apiVersion: 'v3' }, akinon: null, flexport: null } } as unknown as GatewayConfig;

let sequence = 0;
function order(overrides: DeepPartial<CanonicalOrder> = {}): CanonicalOrder {
  const n = sequence++;
  const createdAt = new Date(Date.UTC(2024, 0, 1) + n * 1000).toISOString();
  return buildOrder({ id: `ord_${n.toString(16).padStart(24, '0')}`, externalId: `ext-${n}`, createdAt, ...overrides });
}
const inSync = () => order();
const channelBehind = () => order({ status: 'shipped', fulfillment: { provider: 'merchant' } });
/** Two items: flexport_shipped_not_on_channel + provider_ahead. */
const shippedAtFlexport = () => order({ status: 'fulfilling', fulfillment: { provider: 'flexport', providerStatus: 'SHIPPED' } });

function reportOver(orders: CanonicalOrder[]) {
  const listing = new FakeListing(orders);
  return { listing, report: new DriftReport(listing as unknown as OrderListing, CONFIG) };
}

describe('DriftReport.list', () => {
  it('lists only the drifting orders, with every order examined', async () => {
    const drifting = [channelBehind(), shippedAtFlexport()];
    const { report } = reportOver([inSync(), drifting[0], inSync(), drifting[1]]);
    const page = await report.list({ limit: 100 });
    expect(page.items.map((item) => [item.orderId, item.kind])).toEqual([
      [drifting[0].id, 'channel_behind'],
      [drifting[1].id, 'flexport_shipped_not_on_channel'],
      [drifting[1].id, 'provider_ahead'],
    ]);
    expect(page).toMatchObject({ nextCursor: null, scanned: 4 });
  });

  it.each([1, 2, 3])('pages with limit %i return each item once, never splitting an order', async (limit) => {
    const orders = [shippedAtFlexport(), inSync(), channelBehind(), shippedAtFlexport(), channelBehind(), inSync()];
    const { report } = reportOver([...orders]);
    const seen: string[] = [];
    const pageOf = new Map<string, number>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await report.list({ limit, cursor });
      // Only an order with more kinds than `limit` may pass it, and then alone.
      if (page.items.length > limit) expect(new Set(page.items.map((item) => item.orderId)).size).toBe(1);
      for (const item of page.items) {
        expect(pageOf.get(item.orderId) ?? pages).toBe(pages);
        pageOf.set(item.orderId, pages);
        seen.push(`${item.orderId}/${item.kind}`);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor && ++pages < 20);
    expect(seen).toEqual((await reportOver([...orders]).report.list({ limit: 100 })).items.map((item) => `${item.orderId}/${item.kind}`));
    expect(seen).toHaveLength(6);
  });

  it('keeps an order whole: stops before an order whose items would pass the limit', async () => {
    const first = channelBehind();
    const second = shippedAtFlexport();
    const { report } = reportOver([first, second]);
    const page = await report.list({ limit: 2 });
    expect(page.items.map((item) => item.orderId)).toEqual([first.id]);
    const next = await report.list({ limit: 2, cursor: page.nextCursor! });
    expect(next.items.map((item) => item.orderId)).toEqual([second.id, second.id]);
    expect(next.nextCursor).toBeNull();
  });

  it(`examines at most ${MAX_SCANNED_PER_REQUEST} orders, then hands back a cursor to continue`, async () => {
    const orders = Array.from({ length: MAX_SCANNED_PER_REQUEST + 10 }, (_, i) => (i === MAX_SCANNED_PER_REQUEST + 5 ? channelBehind() : inSync()));
    const { report, listing } = reportOver(orders);
    const first = await report.list({ limit: 100 });
    expect(first).toMatchObject({ items: [], scanned: MAX_SCANNED_PER_REQUEST, nextCursor: expect.any(String) });
    expect(listing.calls.every((call) => call.limit <= 500)).toBe(true);
    const second = await report.list({ limit: 100, cursor: first.nextCursor! });
    expect(second).toMatchObject({ items: [expect.objectContaining({ kind: 'channel_behind' })], scanned: 10, nextCursor: null });
  });

  it('passes the channel filter to the listing', async () => {
    const akinon = order({ channel: 'akinon', status: 'ready', channelStatus: '500' });
    const { report, listing } = reportOver([channelBehind(), akinon]);
    const page = await report.list({ channel: 'akinon', limit: 10 });
    expect(page.items).toEqual([expect.objectContaining({ orderId: akinon.id, kind: 'channel_ahead' })]);
    expect(listing.calls[0].channel).toBe('akinon');
  });
});

describe('DriftReport.count', () => {
  afterEach(() => jest.useRealTimers());

  it('counts every order per kind, reuses the count for 60 s, then refreshes it in the background', async () => {
    jest.useFakeTimers({ now: Date.parse('2024-05-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const orders = [...Array.from({ length: 1200 }, inSync), channelBehind(), shippedAtFlexport(), shippedAtFlexport()];
    const { report, listing } = reportOver(orders);
    const counts = { flexport_shipped_not_on_channel: 2, provider_ahead: 2, channel_behind: 1, channel_ahead: 0 };
    await expect(report.count()).resolves.toEqual(counts);
    const scanCalls = listing.calls.length;
    expect(scanCalls).toBe(3); // 1203 orders in pages of 500

    orders.push(channelBehind());
    jest.advanceTimersByTime(COUNT_TTL_MS - 1);
    await expect(report.count()).resolves.toEqual(counts);
    expect(listing.calls).toHaveLength(scanCalls);

    jest.advanceTimersByTime(2);
    await expect(report.count()).resolves.toEqual(counts); // stale answer at once…
    await new Promise((resolve) => setImmediate(resolve));
    await expect(report.count()).resolves.toEqual({ ...counts, channel_behind: 2 }); // …fresh once the scan is done
  });

  it('runs one scan for concurrent callers and lets a failure through when it has no count', async () => {
    const { report, listing } = reportOver([channelBehind()]);
    const failing = jest.spyOn(listing, 'list').mockRejectedValueOnce(new Error('store down'));
    await expect(Promise.all([report.count(), report.count()])).rejects.toThrow('store down');
    expect(failing).toHaveBeenCalledTimes(1);
    await expect(report.count()).resolves.toMatchObject({ channel_behind: 1 });
  });
});
