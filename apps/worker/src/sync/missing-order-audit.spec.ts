import { Logger } from '@nestjs/common';
import { RemoteNotFoundError, RemoteRefusedError, RemoteTransientError, SalesChannelAdapter } from '@app/adapters';
import { CanonicalOrder, OrderStatus } from '@app/orders';
import { buildInboundSnapshot, buildOrder } from '@app/orders/testing';
import { OrderIngestor, OrderListing, OrderListQuery, OrderRepository, SyncCursors } from '@app/store';
import { MissingOrderAudit } from './missing-order-audit';

/** Stored orders as the listing pages them (cursor = index of the next one). */
function fakeListing(orders: CanonicalOrder[]): OrderListing {
  return {
    list: async (query: OrderListQuery) => {
      const start = Number(query.cursor ?? 0);
      const items = orders.slice(start, start + query.limit);
      return { items, nextCursor: start + query.limit < orders.length ? String(start + query.limit) : null };
    },
  } as unknown as OrderListing;
}

function setup(orders: CanonicalOrder[], remote: (externalId: string) => Promise<unknown>) {
  const cursors = new Map<string, string>();
  const flagged: CanonicalOrder[] = [];
  const ingested: string[] = [];
  const adapter = { channel: 'joom', account: 'main', getOrder: jest.fn(remote) } as unknown as SalesChannelAdapter;
  const repository = {
    mutate: async (id: string, decide: (current: CanonicalOrder | null) => { order: CanonicalOrder } | null) => {
      const change = decide(orders.find((order) => order.id === id) ?? null);
      if (change) flagged.push(change.order);
      return change?.order ?? null;
    },
  } as unknown as OrderRepository;
  const ingestor = { ingest: async (input: { externalId: string }) => void ingested.push(input.externalId) } as unknown as OrderIngestor;
  const syncCursors = {
    get: async (_c: string, _a: string, feed: string) => cursors.get(feed) ?? null,
    set: async (_c: string, _a: string, feed: string, value: string) => void cursors.set(feed, value),
  } as unknown as SyncCursors;
  const audit = new MissingOrderAudit(fakeListing(orders), repository, ingestor, syncCursors);
  return { audit, adapter, cursors, flagged, ingested };
}

const orderAt = (i: number, status: OrderStatus = 'ready') => buildOrder({ id: `ord_${String(i).padStart(24, '0')}`, externalId: `J${i}`, channel: 'joom', status });
const found = async (externalId: string) => ({ externalId, snapshot: buildInboundSnapshot(), placedAt: '2024-01-01T00:00:00.000Z' });

describe('MissingOrderAudit', () => {
  it('flags an order the channel no longer has, once, and re-ingests the ones it still has', async () => {
    const orders = [orderAt(0), orderAt(1), orderAt(2)];
    const t = setup(orders, (id) => (id === 'J1' ? Promise.reject(new RemoteNotFoundError('joom', 'order J1')) : found(id)));
    expect(await t.audit.run(t.adapter)).toEqual({ checked: 3, missing: 1 });
    expect(t.flagged).toEqual([expect.objectContaining({ id: orders[1].id, status: 'ready', attention: expect.objectContaining({ code: 'remote_missing' }) })]);
    expect(t.ingested).toEqual(['J0', 'J2']);

    orders[1] = t.flagged[0];
    t.flagged.length = 0;
    await t.audit.run(t.adapter);
    expect(t.flagged).toEqual([]);
  });

  it('skips settled orders without a remote call', async () => {
    const t = setup([orderAt(0, 'cancelled'), orderAt(1, 'delivered'), orderAt(2, 'shipped')], found);
    expect(await t.audit.run(t.adapter)).toEqual({ checked: 1, missing: 0 });
    expect(t.adapter.getOrder).toHaveBeenCalledTimes(1);
    expect(t.adapter.getOrder).toHaveBeenCalledWith('J2', null);
  });

  it('reads each order with its stored number too (Akinon reads one order by number, docs/api-decisions.md AK-1)', async () => {
    const akinon = { ...orderAt(0), channel: 'akinon' as const, externalId: 'e819386c-b406-43dc-86c9-212ff633afe2', externalNumber: '45243493' };
    const t = setup([akinon], found);
    await t.audit.run(t.adapter);
    expect(t.adapter.getOrder).toHaveBeenCalledWith('e819386c-b406-43dc-86c9-212ff633afe2', '45243493');
  });

  it('checks a bounded number per run and goes on from its cursor next time, wrapping around at the end', async () => {
    const orders = Array.from({ length: 50 }, (_, i) => orderAt(i));
    const t = setup(orders, found);
    expect((await t.audit.run(t.adapter)).checked).toBe(20);
    expect(t.cursors.get('audit')).toBe('20');
    await t.audit.run(t.adapter);
    await t.audit.run(t.adapter);
    expect(t.ingested).toHaveLength(50);
    expect(t.cursors.get('audit')).toBe('');
    await t.audit.run(t.adapter);
    expect(t.ingested.slice(50, 52)).toEqual(['J0', 'J1']);
  });

  it('stops at a transient failure without moving its cursor, so the next run checks that page again', async () => {
    const t = setup([orderAt(0), orderAt(1)], (id) => (id === 'J1' ? Promise.reject(new RemoteTransientError('joom', 'busy', 503, null)) : found(id)));
    expect(await t.audit.run(t.adapter)).toEqual({ checked: 1, missing: 0 });
    expect(t.cursors.has('audit')).toBe(false);
    expect(t.flagged).toEqual([]);
  });

  it('ends at the next order once the worker is stopping', async () => {
    const t = setup([orderAt(0), orderAt(1), orderAt(2)], found);
    let calls = 0;
    expect(await t.audit.run(t.adapter, () => ++calls > 1)).toEqual({ checked: 1, missing: 0 });
  });

  it('skips an order the channel refuses to show, logs it, and goes on with the others', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const t = setup([orderAt(0), orderAt(1), orderAt(2)], (id) => (id === 'J1' ? Promise.reject(new RemoteRefusedError('joom', 'forbidden', 403, null)) : found(id)));
    expect(await t.audit.run(t.adapter)).toEqual({ checked: 3, missing: 0 });
    expect(t.ingested).toEqual(['J0', 'J2']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(orderAt(1).id));
    warn.mockRestore();
  });

  it('clears remote_missing when the channel has the order again, and never replaces another flag', async () => {
    const since = '2024-01-01T00:00:00.000Z';
    const back = { ...orderAt(0), attention: { code: 'remote_missing' as const, message: 'gone', since } };
    const failed = { ...orderAt(1), attention: { code: 'command_failed' as const, message: 'refused', since } };
    const t = setup([back, failed], (id) => (id === 'J1' ? Promise.reject(new RemoteNotFoundError('joom', 'order J1')) : found(id)));
    await t.audit.run(t.adapter);
    expect(t.flagged).toEqual([expect.objectContaining({ id: back.id, attention: null })]);
  });
});
