import { RemoteNotFoundError } from '@app/adapters';
import { AkinonOrderNumberMissingError } from './akinon-order-number-missing.error';
import { AkinonOrderReader } from './akinon-order.reader';
import { AkinonAnswer, AkinonClient, AkinonQuery } from './akinon.client';
import { AkinonPage } from './akinon.types';
import { docAddress, docItem, docOrder } from './testing/akinon-doc-examples';

/** A client that answers from fixed rows, filtered the way the document's filters read, and records each call. */
function fakeClient(rows: { orders: unknown[]; items: unknown[]; addresses: unknown[] }) {
  const calls: { path: string; query: AkinonQuery }[] = [];
  const page = <T>(results: T[]): AkinonAnswer<AkinonPage<T>> => ({ data: { count: results.length, next: null, previous: null, results }, requestId: 'rq-1', serverTime: null });
  const client = {
    list: async (path: string, query: AkinonQuery) => {
      calls.push({ path, query });
      if (path === 'orders/') return page(rows.orders.filter((o) => (o as { number: string }).number === query.number));
      if (path === 'order-items/') return page(rows.items);
      if (path === 'customer-addresses/') return page(rows.addresses.filter((a) => (a as { id: string }).id === query.id));
      throw new Error(`undocumented path ${path}`);
    },
  } as unknown as AkinonClient;
  return { client, calls };
}

describe('AkinonOrderReader.readOne (docs/api-decisions.md AK-1)', () => {
  const order = docOrder();
  const twin = docOrder({ id: '11111111-2222-4333-8444-555555555555' }); // same number, another datasource

  it('reads one order only through the documented collections: orders/?number=, order-items/?order__number=, customer-addresses/?id=', async () => {
    const { client, calls } = fakeClient({ orders: [twin, order], items: [docItem()], addresses: [docAddress({ id: order.shipping_address as string })] });
    const { bundle, requestId } = await new AkinonOrderReader(client, 2).readOne({ id: order.id, number: order.number });
    expect(bundle.order.id).toBe(order.id);
    expect(bundle.items).toHaveLength(1);
    expect(bundle.shippingAddress?.id).toBe(order.shipping_address);
    expect(requestId).toBe('rq-1');
    expect(calls.map((call) => call.path)).toEqual(['orders/', 'order-items/', 'customer-addresses/']);
    expect(calls[0].query).toMatchObject({ number: '45243493' });
    expect(calls[1].query).toMatchObject({ order__number: '45243493' });
    expect(calls[2].query).toEqual({ id: order.shipping_address });
  });

  it('answers not found when no order with that number has the id', async () => {
    const { client } = fakeClient({ orders: [twin], items: [], addresses: [] });
    await expect(new AkinonOrderReader(client, 2).readOne({ id: order.id, number: order.number })).rejects.toBeInstanceOf(RemoteNotFoundError);
  });

  it('refuses, before any call, an order stored without a number (never a false "not found")', async () => {
    const { client, calls } = fakeClient({ orders: [order], items: [], addresses: [] });
    const error = await new AkinonOrderReader(client, 2).readOne({ id: order.id, number: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AkinonOrderNumberMissingError);
    expect(error).not.toBeInstanceOf(RemoteNotFoundError);
    expect(calls).toEqual([]);
  });
});
