import { newOrderFromSnapshot } from '@app/orders';
import { AkinonLocationResolver } from './akinon-location.resolver';
import { mapAkinonItem, mapAkinonMoney, mapAkinonOrder } from './akinon.mapper';
import { docAddress, docItem, docOrder } from './testing/akinon-doc-examples';

/** The document's example address's four location uuids (OCA01). */
const DOC_LOCATIONS = {
  country: 'b08eb673-dcd4-483c-a8b9-59ed76b64a1b',
  city: '2e1adb7c-e1e8-471a-a483-0257d52fb0bc',
  township: '13a22409-e32b-4109-99bc-598ddc62c477',
  district: '35feab7e-4832-4d31-8448-2cbcd89092ea',
};
const resolving = new AkinonLocationResolver({
  countries: { [DOC_LOCATIONS.country]: 'TR' },
  cities: { [DOC_LOCATIONS.city]: 'İstanbul' },
  townships: { [DOC_LOCATIONS.township]: 'Kadıköy' },
  districts: { [DOC_LOCATIONS.district]: 'Caferağa' },
});

describe('mapAkinonOrder (document examples ORI01 + ORI02 + OCA01)', () => {
  const mapped = mapAkinonOrder({ order: docOrder(), items: [docItem()], shippingAddress: docAddress() });

  it('puts every order field where it belongs', () => {
    expect(mapped.externalId).toBe('e819386c-b406-43dc-86c9-212ff633afe2');
    expect(mapped.placedAt).toBe('2019-01-01T00:00:00.000Z');
    // No updated_at in the document's example: the latest documented datetime (AK-4).
    expect(mapped.snapshot).toMatchObject({ status: 'pending', channelStatus: '100', channelUpdatedAt: '2019-01-01T00:00:00.000Z' });
    expect(mapped.snapshot.fields).toMatchObject({
      externalNumber: '45243493',
      money: { currency: 'USD', total: '629.00', shipping: '0.00', discounts: '0.00' },
      shippingConstraints: { requirement: null, shipBy: null, deliverBy: null },
      placedAt: '2019-01-01T00:00:00.000Z',
    });
    expect(mapped.snapshot.fields.cancellation).toBeUndefined();
  });

  it('makes each item a line with its own raw and mapped status', () => {
    expect(mapped.snapshot.lines).toEqual([
      {
        id: 'ln_33a11761-43bc-41d4-8f7f-1e860028367b',
        externalLineId: '33a11761-43bc-41d4-8f7f-1e860028367b',
        sku: 'SP-A',
        name: null,
        quantity: 1,
        unitPrice: '629.00',
        status: 'delivered',
        channelStatus: '600',
      },
    ]);
  });

  it('turns item tracking into a merchant shipment', () => {
    expect(mapped.snapshot.fields.fulfillment).toEqual({
      provider: 'merchant',
      providerOrderId: null,
      providerStatus: null,
      shipments: [
        {
          carrier: 'hbexpress',
          trackingNumber: '5c0095dab3c087befe04c0d5a0155d3e',
          trackingUrl: null,
          shippedAt: '2019-01-01T00:00:00.000Z',
          deliveredAt: '2019-01-01T00:00:00.000Z',
        },
      ],
    });
  });

  it("maps the document's address without a locations table to empty city and country, reported with the raw uuids (AK-7)", () => {
    expect(mapped.snapshot.fields.shippingAddress).toEqual({
      name: 'Akinon Akinon',
      lines: ['Address Text'],
      city: '',
      region: null,
      postalCode: '34000',
      countryCode: '',
      phone: '05555555555',
      email: 'akinon@akinon.com',
    });
    expect(mapped.snapshot.address).toEqual({
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      missing: ['countryCode', 'city', 'township', 'district'],
      unresolved: DOC_LOCATIONS,
    });
  });

  it('flags that order address_incomplete with the missing fields and raw uuids when it is ingested', () => {
    const ready = mapAkinonOrder({ order: docOrder({ status: 200 }), items: [docItem({ status: 200 })], shippingAddress: docAddress() });
    const order = newOrderFromSnapshot({ id: 'ord_1', channel: 'akinon', account: 'main', externalId: 'e1' }, ready.snapshot, ready.placedAt, '2024-01-01T00:00:00.000Z');
    expect(order.attention).toEqual({
      code: 'address_incomplete',
      message: expect.stringContaining('city'),
      since: '2024-01-01T00:00:00.000Z',
      details: { missing: ['countryCode', 'city', 'township', 'district'], unresolved: DOC_LOCATIONS },
    });
  });

  it('resolves every uuid through a locations table: city, country code, and district + township as a second line', () => {
    const resolved = mapAkinonOrder({ order: docOrder(), items: [], shippingAddress: docAddress() }, resolving);
    expect(resolved.snapshot.fields.shippingAddress).toMatchObject({ lines: ['Address Text', 'Caferağa, Kadıköy'], city: 'İstanbul', countryCode: 'TR', postalCode: '34000' });
    expect(resolved.snapshot.address).toMatchObject({ missing: [], unresolved: {} });
    // The fingerprint is of the raw address: the same whatever the table resolves.
    expect(resolved.snapshot.address?.fingerprint).toBe(mapped.snapshot.address?.fingerprint);
  });

  it('leaves absent township and district out, but reports an unknown one', () => {
    const bare = mapAkinonOrder({ order: docOrder(), items: [], shippingAddress: docAddress({ township: null, district: null }) }, resolving);
    expect(bare.snapshot.fields.shippingAddress?.lines).toEqual(['Address Text']);
    expect(bare.snapshot.address?.missing).toEqual([]);
    const unknown = mapAkinonOrder({ order: docOrder(), items: [], shippingAddress: docAddress({ district: '00000000-0000-4000-8000-000000000000' }) }, resolving);
    expect(unknown.snapshot.address).toMatchObject({ missing: ['district'], unresolved: { district: '00000000-0000-4000-8000-000000000000' } });
  });

  it('gives a null address when the order has none, and no fulfillment before tracking', () => {
    const bare = mapAkinonOrder({ order: docOrder(), items: [docItem({ status: 200, tracking_number: null, shipping_company: null })], shippingAddress: null });
    expect(bare.snapshot.fields.shippingAddress).toBeNull();
    expect(bare.snapshot.fields.fulfillment).toBeUndefined();
  });

  it('falls back to the order-level tracking number', () => {
    const order = docOrder({ status: 500, tracking_number: 'TRK-1', shipping_company: null, cargo_company: 'yurtici' });
    const shipped = mapAkinonOrder({ order, items: [docItem({ tracking_number: null })], shippingAddress: null });
    expect(shipped.snapshot.fields.fulfillment?.shipments).toEqual([{ carrier: 'yurtici', trackingNumber: 'TRK-1', trackingUrl: null, shippedAt: null, deliveredAt: null }]);
  });

  it('groups items by parcel and counts a parcel delivered only when all its items are', () => {
    const a = docItem({ id: 'a', delivered_date: null, shipped_date: '2024-05-02T10:00:00Z' });
    const b = docItem({ id: 'b', shipped_date: '2024-05-01T10:00:00Z' });
    const c = docItem({ id: 'c', tracking_number: 'OTHER', shipping_company: 'aras' });
    const shipments = mapAkinonOrder({ order: docOrder(), items: [a, b, c], shippingAddress: null }).snapshot.fields.fulfillment?.shipments;
    expect(shipments).toHaveLength(2);
    expect(shipments?.[0]).toMatchObject({ shippedAt: '2024-05-01T10:00:00.000Z', deliveredAt: null });
    expect(shipments?.[1]).toMatchObject({ carrier: 'aras', trackingNumber: 'OTHER' });
  });

  it('uses the order update time as the channel clock', () => {
    const updated = mapAkinonOrder({ order: docOrder({ updated_at: '2024-05-01T10:00:00.123456Z' }), items: [], shippingAddress: null });
    expect(updated.snapshot.channelUpdatedAt).toBe('2024-05-01T10:00:00.123Z');
  });
});

describe('money', () => {
  it('keeps every amount as the exact string Akinon sent', () => {
    const money = mapAkinonMoney(docOrder({ currency: 'try', amount: '0.30', shipping_amount: '0.10', discount_amount: '0.20' }));
    expect(money).toEqual({ currency: 'TRY', total: '0.30', shipping: '0.10', discounts: '0.20' });
    expect(mapAkinonItem(docItem({ price: '1234.57' })).unitPrice).toBe('1234.57');
    expect(mapAkinonItem(docItem({ price: '0.10' })).unitPrice).toBe('0.10');
  });

  it('treats a missing discount or shipping as zero', () => {
    expect(mapAkinonMoney(docOrder({ discount_amount: null, shipping_amount: null }))).toMatchObject({ shipping: '0.00', discounts: '0.00' });
  });
});

describe('unknown statuses', () => {
  it('gives status null and keeps the raw value, for the order and for a line', () => {
    const mapped = mapAkinonOrder({ order: docOrder({ status: 550 }), items: [docItem({ status: 1000 })], shippingAddress: null });
    expect(mapped.snapshot).toMatchObject({ status: null, channelStatus: '550' });
    expect(mapped.snapshot.lines[0]).toMatchObject({ status: null, channelStatus: '1000' });
  });
});

describe('non-ASCII data', () => {
  it('survives untouched, and the city is never read from the line (AK-7)', () => {
    const address = docAddress({ first_name: 'Şükrü', last_name: 'Öztürk', line: 'Bağdat Caddesi No: 12 D:3, 34710 İstanbul', postcode: '34710', city: '00000000-0000-4000-8000-000000000001' });
    const mapped = mapAkinonOrder({ order: docOrder(), items: [docItem({ sku: 'ŞAL-İPEK' })], shippingAddress: address }, resolving);
    expect(mapped.snapshot.fields.shippingAddress).toMatchObject({
      name: 'Şükrü Öztürk',
      lines: ['Bağdat Caddesi No: 12 D:3, 34710 İstanbul', 'Caferağa, Kadıköy'],
      city: '',
      postalCode: '34710',
    });
    expect(mapped.snapshot.address?.missing).toEqual(['city']);
    expect(mapped.snapshot.lines[0].sku).toBe('ŞAL-İPEK');
  });
});

describe('cancellation', () => {
  it.each([
    ['waiting', 'cancellation_requested'],
    ['confirmation Waiting', 'cancellation_requested'],
    ['Manuel Refund Need', 'cancellation_requested'],
    ['Completed', 'cancelled_by_channel'],
  ])('cancel_status %p → %p by the marketplace', (raw, reason) => {
    const items = [docItem({ status: reason === 'cancelled_by_channel' ? 800 : 700 })];
    const mapped = mapAkinonOrder({ order: docOrder({ cancel_status: raw, updated_at: '2024-05-01T10:00:00Z' }), items, shippingAddress: null });
    expect(mapped.snapshot.fields.cancellation).toEqual({
      reason,
      requestedBy: 'marketplace',
      note: `Akinon cancel_status "${raw}"`,
      at: '2024-05-01T10:00:00.000Z',
    });
  });

  it.each(['Rejected', 'cancelled', 'failed', 'something-new'])('cancel_status %p gives no cancellation', (raw) => {
    const mapped = mapAkinonOrder({ order: docOrder({ cancel_status: raw }), items: [docItem({ status: 700 })], shippingAddress: null });
    expect(mapped.snapshot.fields.cancellation).toBeUndefined();
  });

  it('gives no order cancellation for a plan of some items, or a refund of shipped ones (AK-10)', () => {
    const partial = [docItem({ id: 'a', status: 700, cancel_status: 'waiting' }), docItem({ id: 'b', status: 200 })];
    expect(mapAkinonOrder({ order: docOrder({ cancel_status: 'waiting' }), items: partial, shippingAddress: null }).snapshot.fields.cancellation).toBeUndefined();
    const refunded = [docItem({ status: 600, cancel_status: 'completed' })];
    expect(mapAkinonOrder({ order: docOrder({ cancel_status: 'completed' }), items: refunded, shippingAddress: null }).snapshot.fields.cancellation).toBeUndefined();
  });

  it('reads an item-level cancel_status when the order has none', () => {
    const mapped = mapAkinonOrder({ order: docOrder(), items: [docItem({ status: 700, cancel_status: 'waiting' })], shippingAddress: null });
    expect(mapped.snapshot.fields.cancellation?.reason).toBe('cancellation_requested');
  });
});
