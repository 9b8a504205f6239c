import { JOOM_V3_STATUS_MAP, mapV3Status } from './joom-v3-status.map';
import { mapV3Order } from './joom-v3.mapper';
import { buildV3Order } from './testing/joom-v3.fixtures';

describe('mapV3Order', () => {
  it('maps every field of an approved order', () => {
    const { externalId, snapshot, placedAt } = mapV3Order(buildV3Order());
    expect(externalId).toBe('K3Q9ZT2M');
    expect(placedAt).toBe('2024-03-01T09:15:00.000Z');
    expect(snapshot).toEqual({
      status: 'ready',
      channelStatus: 'approved',
      lines: [{ id: 'ln_K3Q9ZT2M', externalLineId: 'K3Q9ZT2M', sku: 'SKU-1006-crème', name: 'Silk scarf «Étoile»', quantity: 3, unitPrice: '0.10', status: 'ready', channelStatus: null }],
      channelUpdatedAt: '2024-03-01T10:00:30.123Z',
      fields: {
        externalNumber: null,
        shippingAddress: {
          name: 'Jürgen Müller',
          lines: ['Königstraße 12', 'Hinterhaus, 2. OG'],
          city: 'München',
          region: 'Bayern',
          postalCode: '80331',
          countryCode: 'DE',
          phone: '+49 151234567',
          email: 'buyer.1a2b3c4d@example.com',
        },
        // 3 × 0.20 is exactly 0.60 (a float would give 0.6000000000000001).
        money: { currency: 'EUR', total: '0.90', shipping: '0.60', discounts: '0.00' },
        shippingConstraints: { requirement: 'online_or_offline', shipBy: null, deliverBy: null },
        fulfillment: undefined,
        cancellation: undefined,
        returnOutcome: undefined,
        placedAt: '2024-03-01T09:15:00.000Z',
      },
    });
  });

  it.each([
    ['onlineOnly', 'online_only'],
    ['offlineOnly', 'offline_only'],
    ['offlineOrOnline', 'online_or_offline'],
    ['somethingNew', null],
  ])('maps onlineShippingRequirement %s → %p', (raw, requirement) => {
    expect(mapV3Order(buildV3Order({ onlineShippingRequirement: raw })).snapshot.fields.shippingConstraints?.requirement).toBe(requirement);
  });

  it('maps an online fulfilment to Joom Logistics with its waybill as provider order id', () => {
    const shipment = { provider: 'Joom Logistics', trackingNumber: 'JL123456789012', shippingOrderNumber: 'SO0123456789', shipperName: 'YunExpress', fulfilledTimestamp: '2024-03-02T00:00:00Z' };
    const { snapshot } = mapV3Order(buildV3Order({ status: 'fulfilledOnline', shipment }));
    expect(snapshot.status).toBe('fulfilling');
    expect(snapshot.fields.fulfillment).toEqual({
      provider: 'joom_logistics',
      providerOrderId: 'SO0123456789',
      providerStatus: null,
      shipments: [{ carrier: 'Joom Logistics', trackingNumber: 'JL123456789012', trackingUrl: null, shippedAt: null, deliveredAt: null }],
    });
  });

  it('maps an offline shipment to the merchant', () => {
    const shipment = { provider: 'DHL', trackingNumber: 'JD014600006281', shippedTimestamp: '2024-03-02T12:00:00Z' };
    const { snapshot } = mapV3Order(buildV3Order({ status: 'shipped', shipment }));
    expect(snapshot.status).toBe('shipped');
    expect(snapshot.fields.fulfillment).toMatchObject({
      provider: 'merchant',
      providerOrderId: null,
      shipments: [{ carrier: 'DHL', trackingNumber: 'JD014600006281', shippedAt: '2024-03-02T12:00:00.000Z' }],
    });
  });

  it.each([
    ['cancelled', { by: 'merchant', reason: 'outOfStock', timestamp: '2024-03-03T00:00:00Z' }, { reason: 'out_of_stock', requestedBy: 'merchant' }],
    ['cancelled', { by: 'merchant', timestamp: '2024-03-03T00:00:00Z' }, { reason: 'cancelled', requestedBy: 'merchant' }],
    ['paidByJoomRefund', { by: 'joom', timestamp: '2024-03-03T00:00:00Z' }, { reason: 'paid_by_joom_refund', requestedBy: 'marketplace' }],
  ])('maps %s (%j) to a cancellation', (status, refund, expected) => {
    const { snapshot } = mapV3Order(buildV3Order({ status, refund }));
    expect(snapshot.status).toBe('cancelled');
    expect(snapshot.fields.cancellation).toEqual({ ...expected, note: null, at: '2024-03-03T00:00:00.000Z' });
  });

  it.each([
    ['returnInitiated', 'returning', undefined],
    ['returnArrived', 'returning', undefined],
    ['returnCompleted', 'returned', 'completed'],
    ['returnDeclined', 'returned', 'declined'],
    ['returnExpired', 'returned', 'expired'],
  ])('maps %s → %s with outcome %p', (raw, status, outcome) => {
    const { snapshot } = mapV3Order(buildV3Order({ status: raw }));
    expect(snapshot.status).toBe(status);
    expect(snapshot.fields.returnOutcome).toBe(outcome);
  });

  it("keeps an unknown status (e.g. 'onHold') raw with status null", () => {
    const { snapshot } = mapV3Order(buildV3Order({ status: 'onHold' }));
    expect(snapshot).toMatchObject({ status: null, channelStatus: 'onHold' });
    expect(snapshot.lines[0].status).toBeNull();
    expect(snapshot.fields.cancellation).toBeUndefined();
  });

  it('falls back to the product SKU when there is no variant SKU', () => {
    const order = buildV3Order();
    order.product = { sku: 'SKU-1005', name: '无线蓝牙耳机 Mini' };
    expect(mapV3Order(order).snapshot.lines[0]).toMatchObject({ sku: 'SKU-1005', name: '无线蓝牙耳机 Mini' });
  });
});

describe('Joom v3 status table', () => {
  it('covers exactly the documented states and `refunded` (seen in the wild)', () => {
    expect(Object.keys(JOOM_V3_STATUS_MAP).sort()).toEqual(
      ['approved', 'cancelled', 'fulfilledOnline', 'paidByJoomRefund', 'refunded', 'returnArrived', 'returnCompleted', 'returnDeclined', 'returnExpired', 'returnInitiated', 'shipped'].sort(),
    );
    expect(mapV3Status('constructor')).toBeNull();
    expect(mapV3Status('APPROVED')).toBeNull();
  });
});
