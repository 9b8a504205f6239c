import { applyInbound, OrderStatus } from '@app/orders';
import { buildLine, buildOrder } from '@app/orders/testing';
import { akinonChannelClock } from './akinon-clock';
import { mapAkinonOrder } from './akinon.mapper';
import { docItem, docOrder } from './testing/akinon-doc-examples';

/** docs/api-decisions.md AK-4: the document's order schema has no `updated_at`. */
describe('the Akinon channel clock', () => {
  const placed = docOrder({ status: 200, date_placed: '2024-05-01T08:00:00Z' });
  const approved = docItem({ status: 200, invoice_date: null, tracking_number: null, shipping_company: null, shipped_date: null, delivered_date: null });

  it('is never null for an order shaped like the document (no updated_at): the latest documented datetime', () => {
    expect(docOrder().updated_at).toBeUndefined();
    expect(akinonChannelClock(placed, [approved])).toBe('2024-05-01T08:00:00.000Z');
    const shipped = docItem({ status: 500, invoice_date: '2024-05-02T09:00:00Z', shipped_date: '2024-05-03T10:00:00Z', delivered_date: null });
    expect(akinonChannelClock(placed, [approved, shipped])).toBe('2024-05-03T10:00:00.000Z');
    const delivered = { ...shipped, delivered_date: '2024-05-05T12:30:00.123456Z' };
    expect(akinonChannelClock(placed, [delivered])).toBe('2024-05-05T12:30:00.123Z');
    expect(mapAkinonOrder({ order: placed, items: [delivered], shippingAddress: null }).snapshot.channelUpdatedAt).toBe('2024-05-05T12:30:00.123Z');
  });

  it('ignores promises about the future (delivery_range, estimated_delivery_date)', () => {
    const order = docOrder({ date_placed: '2024-05-01T08:00:00Z', delivery_range: '2030-01-01T00:00:00Z' });
    expect(akinonChannelClock(order, [{ ...approved, estimated_delivery_date: '2030-01-01T00:00:00Z' }])).toBe('2024-05-01T08:00:00.000Z');
  });

  it('uses updated_at when the deployment renders it', () => {
    expect(akinonChannelClock(docOrder({ updated_at: '2024-06-01T00:00:00Z' }), [docItem()])).toBe('2024-06-01T00:00:00.000Z');
  });

  it('keeps the stale-snapshot guard on for orders without updated_at: an older snapshot is ignored, a later one applied', () => {
    const shippedItem = docItem({ status: 500, shipped_date: '2024-05-03T10:00:00Z', delivered_date: null });
    const newer = mapAkinonOrder({ order: { ...placed, status: 500 }, items: [shippedItem], shippingAddress: null }).snapshot;
    const older = mapAkinonOrder({ order: placed, items: [approved], shippingAddress: null }).snapshot;
    const line = buildLine({ id: 'ln_33a11761-43bc-41d4-8f7f-1e860028367b', externalLineId: shippedItem.id, status: 'shipped' as OrderStatus });
    const stored = buildOrder({ channel: 'akinon', status: 'shipped', channelUpdatedAt: newer.channelUpdatedAt, lines: [line] });
    expect(applyInbound(stored, older, '2024-05-04T00:00:00.000Z').ignoredReason).toBe('stale');
    const delivered = mapAkinonOrder({ order: { ...placed, status: 600 }, items: [{ ...shippedItem, status: 600, delivered_date: '2024-05-04T10:00:00Z' }], shippingAddress: null }).snapshot;
    expect(applyInbound(stored, delivered, '2024-05-05T00:00:00.000Z')).toMatchObject({ changed: true, order: { status: 'delivered', channelUpdatedAt: '2024-05-04T10:00:00.000Z' } });
  });
});
