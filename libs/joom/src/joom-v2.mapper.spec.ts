import { JOOM_V2_STATUS_MAP, mapV2Status, refundReasonCode } from './joom-v2-status.map';
import { mapV2Order } from './joom-v2.mapper';
import { buildV2Order, DOC_V2_GET_ORDER_RESPONSE } from './testing/joom-v2.fixtures';

describe('mapV2Order', () => {
  it("maps the document's example order field by field", () => {
    const { externalId, snapshot, placedAt } = mapV2Order(DOC_V2_GET_ORDER_RESPONSE.data.Order);
    expect(externalId).toBe('123456789009876543210164');
    expect(placedAt).toBe('2013-12-06T20:20:20.000Z');
    expect(snapshot).toEqual({
      status: 'ready',
      channelStatus: 'APPROVED',
      lines: [
        {
          id: 'ln_123456789009876543210164',
          externalLineId: '123456789009876543210164',
          sku: 'Dandelion Necklace',
          name: 'Dandelion Necklace',
          quantity: 2,
          // `cost`: the payout basis (docs/api-decisions.md JO-3).
          unitPrice: '6.80',
          status: 'ready',
          channelStatus: null,
        },
      ],
      channelUpdatedAt: '2013-12-06T20:20:20.000Z',
      fields: {
        externalNumber: null,
        shippingAddress: {
          name: 'Mick Berry',
          lines: ['2126 PO Box 5 Rt 49'],
          city: 'North Bay',
          region: 'NC',
          postalCode: '13123',
          countryCode: 'US',
          phone: '+1 555-181-7247',
          email: null,
        },
        // order_total = 2 × (6.8 + 2); shipping on the same basis = 2 × 2.
        money: { currency: 'USD', total: '17.60', shipping: '4.00', discounts: '0.00' },
        shippingConstraints: { requirement: null, shipBy: null, deliverBy: null },
        fulfillment: undefined,
        cancellation: undefined,
        placedAt: '2013-12-06T20:20:20.000Z',
      },
    });
  });

  it('keeps money exact: per-unit amounts are multiplied on decimal strings', () => {
    const { snapshot } = mapV2Order(buildV2Order({ quantity: '3', shipping_cost: '0.10', order_total: '1887.30', cost: '629.00' }));
    expect(snapshot.fields.money).toMatchObject({ total: '1887.30', shipping: '0.30' });
    expect(snapshot.lines[0].unitPrice).toBe('629.00');
  });

  it('maps a shipped order to a merchant shipment', () => {
    const { snapshot } = mapV2Order(buildV2Order({ state: 'SHIPPED', shipping_provider: 'China Post', tracking_number: 'RB123456785CN', shipped_date: '2014-01-21T08:00:00' }));
    expect(snapshot.status).toBe('shipped');
    expect(snapshot.fields.fulfillment).toEqual({
      provider: 'merchant',
      providerOrderId: null,
      providerStatus: null,
      shipments: [{ carrier: 'China Post', trackingNumber: 'RB123456785CN', trackingUrl: null, shippedAt: '2014-01-21T08:00:00.000Z', deliveredAt: null }],
    });
  });

  it.each([
    ['REFUNDED BY MERCHANT', 'Product is out of stock', 'merchant', 'out_of_stock'],
    ['REFUNDED BY JOOM', 'Customer provided the wrong address information', 'marketplace', 'wrong_address'],
    ['Refunded by customer request', 'Changed my mind', 'customer', 'Changed my mind'],
    [undefined, undefined, 'marketplace', 'refunded'],
  ])('maps a refund by %p (%p) to a cancellation', (by, reason, requestedBy, canonicalReason) => {
    const { snapshot } = mapV2Order(buildV2Order({ state: 'REFUNDED', refunded_by: by, refunded_reason: reason, refunded_time: '2014-01-22T10:00:00', refunded_note: 'Désolé' }));
    expect(snapshot.status).toBe('cancelled');
    expect(snapshot.fields.cancellation).toEqual({ reason: canonicalReason, requestedBy, note: 'Désolé', at: '2014-01-22T10:00:00.000Z' });
  });

  it('keeps an unknown state raw with status null', () => {
    const { snapshot } = mapV2Order(buildV2Order({ state: 'PENDING_PAYMENT' }));
    expect(snapshot).toMatchObject({ status: null, channelStatus: 'PENDING_PAYMENT' });
    expect(snapshot.lines[0].status).toBeNull();
  });

  it('carries non-ASCII text through untouched', () => {
    const { snapshot } = mapV2Order(
      buildV2Order({
        product_name: '无线蓝牙耳机 Mini',
        ShippingDetail: {
          name: 'Анна Смирнова',
          street_address1: 'ул. Ленина, д. 5',
          street_address2: 'кв. 12',
          city: 'Москва',
          state: 'Москва',
          country: 'RU',
          zipcode: '101000',
          phone_number: '+7 9001234567',
        },
      }),
    );
    expect(snapshot.lines[0].name).toBe('无线蓝牙耳机 Mini');
    expect(snapshot.fields.shippingAddress).toMatchObject({ name: 'Анна Смирнова', lines: ['ул. Ленина, д. 5', 'кв. 12'], city: 'Москва' });
  });
});

describe('Joom v2 tables', () => {
  it.each(Object.entries({ APPROVED: 'ready', REQUIRE_REVIEW: 'on_hold', SHIPPED: 'shipped', REFUNDED: 'cancelled' }))('%s → %s', (raw, status) => {
    expect(mapV2Status(raw)).toBe(status);
  });

  it('has exactly the documented states and no inherited keys', () => {
    expect(Object.keys(JOOM_V2_STATUS_MAP).sort()).toEqual(['APPROVED', 'REFUNDED', 'REQUIRE_REVIEW', 'SHIPPED']);
    expect(mapV2Status('toString')).toBeNull();
    expect(mapV2Status('approved')).toBeNull();
  });

  it.each([
    ['unable_to_fulfill', 1],
    ['out_of_stock', 2],
    ['wrong_address', 3],
    ['customer_request', -1],
  ])('refund reason %s → code %i', (reason, code) => {
    expect(refundReasonCode(reason)).toBe(code);
  });
});
