import { ProviderOrder } from '@app/adapters';
import { CanonicalOrder, FulfillmentPart, OrderStatus } from '@app/orders';
import { buildLine, buildOrder } from '@app/orders/testing';
import { partsChanged, partsInFlight, partsProgress } from './flexport-parts-progress';

const NOW = '2026-01-02T00:00:00.000Z';
const part = (attempt: number, lineIds: string[], providerStatus = 'CREATED'): FulfillmentPart => ({ attempt, providerOrderId: `fx-${attempt}`, providerStatus, lineIds, shipments: [] });
const remote = (attempt: number, rawStatus: string, status: OrderStatus | null, shipments: ProviderOrder['shipments'] = []): ProviderOrder => ({
  providerOrderId: `fx-${attempt}`,
  externalOrderId: `ord-${attempt}`,
  attempt,
  status,
  rawStatus,
  shipments,
  error: null,
  requestId: `req-${attempt}`,
});
const shipment = (trackingNumber: string) => ({ carrier: 'USPS', trackingNumber, trackingUrl: null, shippedAt: NOW, deliveredAt: null });

/** l1, l2 in part 1; l3 in part 2; l4 rejected. */
function split(statuses: [OrderStatus, OrderStatus, OrderStatus], parts: FulfillmentPart[]): CanonicalOrder {
  const lines = ['l1', 'l2', 'l3'].map((id, i) => buildLine({ id, externalLineId: `e${i}`, status: statuses[i] }));
  const latest = parts[parts.length - 1];
  return buildOrder({
    channel: 'akinon',
    status: 'fulfilling',
    lines: [...lines, buildLine({ id: 'l4', externalLineId: 'e4', status: 'rejected' })],
    fulfillment: { provider: 'flexport', providerOrderId: latest.providerOrderId, providerStatus: latest.providerStatus, shipments: [], trackingPushedAt: null, attempt: latest.attempt, parts },
  });
}

describe('partsProgress (docs/api-decisions.md FX-9)', () => {
  it('a part that ships moves only its lines; the order waits for the other part', () => {
    const order = split(['fulfilling', 'fulfilling', 'fulfilling'], [part(1, ['l1', 'l2']), part(2, ['l3'])]);
    const remotes = new Map([[1, remote(1, 'SHIPPED', 'shipped', [shipment('T1')])]]);
    expect(partsChanged(order, remotes)).toBe(true);
    const { order: moved, transitions } = partsProgress(order, remotes, NOW);
    expect(moved.lines.map((line) => line.status)).toEqual(['shipped', 'shipped', 'fulfilling', 'rejected']);
    expect(moved.status).toBe('fulfilling');
    expect(transitions).toBeUndefined();
    expect(moved.fulfillment?.parts?.map((p) => p.providerStatus)).toEqual(['SHIPPED', 'CREATED']);
    expect(moved.fulfillment?.shipments).toEqual([shipment('T1')]);
    // The top-level fields stay the latest part's.
    expect(moved.fulfillment).toEqual(expect.objectContaining({ providerOrderId: 'fx-2', providerStatus: 'CREATED' }));
  });

  it('the last part to ship makes the order shipped, with every part’s shipments', () => {
    const order = split(['shipped', 'shipped', 'fulfilling'], [{ ...part(1, ['l1', 'l2'], 'SHIPPED'), shipments: [shipment('T1')] }, part(2, ['l3'])]);
    const { order: moved, transitions } = partsProgress(order, new Map([[2, remote(2, 'SHIPPED', 'shipped', [shipment('T2')])]]), NOW);
    expect(moved.status).toBe('shipped');
    expect(moved.lines.map((line) => line.status)).toEqual(['shipped', 'shipped', 'shipped', 'rejected']);
    expect(transitions).toEqual([{ from: 'fulfilling', to: 'shipped' }]);
    expect(moved.fulfillment?.shipments.map((s) => s.trackingNumber)).toEqual(['T1', 'T2']);
  });

  it('a part Flexport cancelled by itself sends its lines back to ready and flags the order; the shipped part stays', () => {
    const order = split(['shipped', 'shipped', 'fulfilling'], [part(1, ['l1', 'l2'], 'SHIPPED'), part(2, ['l3'])]);
    const { order: moved, transitions } = partsProgress(order, new Map([[2, remote(2, 'CANCELLED', 'cancelled')]]), NOW);
    expect(moved.lines.map((line) => line.status)).toEqual(['shipped', 'shipped', 'ready', 'rejected']);
    expect(moved.status).toBe('ready');
    expect(transitions).toEqual([{ from: 'fulfilling', to: 'ready' }]);
    expect(moved.attention).toEqual(expect.objectContaining({ code: 'fulfillment_error', message: expect.stringContaining('fx-2') }));
  });

  it('reads only parts still in flight, and sees no change when Flexport says what is recorded', () => {
    const order = split(['delivered', 'delivered', 'fulfilling'], [part(1, ['l1', 'l2'], 'DELIVERED'), part(2, ['l3'], 'CANCELLED'), part(3, ['l3'])]);
    expect(partsInFlight(order).map((p) => p.attempt)).toEqual([3]);
    expect(partsChanged(order, new Map([[3, remote(3, 'CREATED', 'fulfilling')]]))).toBe(false);
  });
});
