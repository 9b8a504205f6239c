import { buildLine, buildOrder } from '@app/orders/testing';
import { FlexportOrderUnmappableError } from './flexport.errors';
import { toCreateOrderRequest, toProviderOrder } from './flexport.mapper';
import { FlexportOrder } from './flexport.types';
import { DOC_ADDRESS_KEYS, DOC_LINE_ITEM_KEYS, DOC_REQUEST_KEYS, docOrderExample } from './testing/flexport-doc-examples';

const NOW = Date.parse('2024-03-01T12:00:00Z');
const DOC_TIME = '2019-08-24T14:15:22Z';

function docOrder(change: (order: FlexportOrder) => void = () => undefined): FlexportOrder {
  const order = docOrderExample();
  change(order);
  return order;
}

describe('toProviderOrder (the document response sample)', () => {
  it('maps the sample as is: CANCELLED, its cancelled shipment tracks nothing, no stale error', () => {
    expect(toProviderOrder(docOrder(), 'corr-1')).toEqual({
      providerOrderId: 'string',
      externalOrderId: 'string',
      attempt: 1,
      status: 'cancelled',
      rawStatus: 'CANCELLED',
      shipments: [],
      error: null,
      requestId: 'corr-1',
    });
  });

  it('maps a shipped shipment: label carrier, trackingCode, trackingUrl, package ship/delivery times', () => {
    const raw = docOrder((o) => {
      o.state.internalStatus = 'DELIVERED';
      o.shipments![0].status = 'SHIPPED';
    });
    expect(toProviderOrder(raw, null)).toMatchObject({
      status: 'delivered',
      shipments: [{ carrier: 'string', trackingNumber: 'string', trackingUrl: 'string', shippedAt: DOC_TIME, deliveredAt: DOC_TIME }],
    });
  });

  it('maps ERROR to fulfilling with the error (type, code as a string, message with the affected SKUs, retriable)', () => {
    const raw = docOrder((o) => (o.state.internalStatus = 'ERROR'));
    expect(toProviderOrder(raw, null)).toMatchObject({
      status: 'fulfilling',
      rawStatus: 'ERROR',
      error: { type: 'PARTIALLY_SHIPPED', code: '0', message: 'string (logisticsSku: string)', retriable: true },
    });
  });

  it('gives ERROR without an error object a non-retriable UNKNOWN error rather than none', () => {
    const raw = docOrder((o) => {
      o.state.internalStatus = 'ERROR';
      o.error = null;
    });
    expect(toProviderOrder(raw, null).error).toEqual(expect.objectContaining({ type: 'UNKNOWN', retriable: false }));
  });

  it('does not guess an unknown status: null, raw value kept', () => {
    const mapped = toProviderOrder(
      docOrder((o) => (o.state.internalStatus = 'ON_HOLD')),
      null,
    );
    expect(mapped.status).toBeNull();
    expect(mapped.rawStatus).toBe('ON_HOLD');
  });

  it('falls back to shipment/order times, skips unlabelled packages, de-duplicates tracking, keeps non-ASCII', () => {
    const raw = docOrder((o) => {
      o.state.internalStatus = 'SHIPPED';
      o.deliveredAt = null;
      const shipment = o.shipments![0];
      shipment.status = 'SHIPPED';
      shipment.shippedAt = '2024-02-02T10:00:00Z';
      const pkg = { ...shipment.packages![0], carrierShipTime: null, carrierDeliveryTime: null };
      pkg.label = { ...pkg.label!, carrier: 'Доставка Ğ', trackingCode: 'TRK-ü-1', trackingUrl: null };
      shipment.packages = [pkg, { ...pkg, id: 'dup' }, { ...pkg, id: 'no-label', label: null }];
    });
    expect(toProviderOrder(raw, null).shipments).toEqual([{ carrier: 'Доставка Ğ', trackingNumber: 'TRK-ü-1', trackingUrl: null, shippedAt: '2024-02-02T10:00:00Z', deliveredAt: null }]);
  });
});

describe('toCreateOrderRequest', () => {
  const order = buildOrder({
    id: 'ord_0123456789abcdef01234567',
    channel: 'akinon',
    shippingAddress: {
      name: 'Şükrü Öztürk',
      lines: ['Bağdat Caddesi No: 12', 'D:3', ' ', 'Kat 2'],
      city: 'İstanbul',
      region: 'Kadıköy',
      postalCode: '34710',
      countryCode: 'TR',
      phone: '+90 555 123 45 67',
      email: 'sukru@example.com',
    },
    lines: [
      buildLine({ id: 'ln_1', sku: 'SKU-RED', quantity: 2, unitPrice: '629.00' }),
      buildLine({ id: 'ln_2', sku: 'SKU-BLUE', quantity: 1, unitPrice: '0.10' }),
      buildLine({ id: 'ln_3', sku: 'SKU-RED', quantity: 1, unitPrice: '0.20' }),
      buildLine({ id: 'ln_4', sku: 'SKU-GONE', quantity: 5, status: 'rejected' }),
      buildLine({ id: 'ln_5', sku: 'SKU-CANCELLED', quantity: 1, status: 'cancelled' }),
      // Its cancel is under way (an Akinon plan for this item only, AK-10): not shipped either.
      buildLine({ id: 'ln_6', sku: 'SKU-CANCELLING', quantity: 1, status: 'cancelling' }),
    ],
    shippingConstraints: { shipBy: '2024-03-03T00:00:00Z', deliverBy: '2024-03-10T00:00:00Z' },
  });

  it('builds the document request from the canonical order, with the document field names', () => {
    const request = toCreateOrderRequest(order, { now: NOW, skuMap: { 'SKU-RED': 'DSKU-RED' }, shipMethod: 'standard', source: 'AKINON' });
    expect(request).toEqual({
      address: {
        name: 'Şükrü Öztürk',
        address1: 'Bağdat Caddesi No: 12',
        address2: 'D:3, Kat 2',
        city: 'İstanbul',
        zip: '34710',
        countryCode: 'TR',
        phone: '+90 555 123 45 67',
      },
      externalOrderId: 'ord_0123456789abcdef01234567',
      lineItems: [
        // 2 × 629.00 + 1 × 0.20 declared as their mean, so the declared total is what was paid.
        { logisticsSku: 'DSKU-RED', quantity: 3, customsUnitValue: { amount: 419.4, currencyCode: 'USD' } },
        { logisticsSku: 'SKU-BLUE', quantity: 1, customsUnitValue: { amount: 0.1, currencyCode: 'USD' } },
      ],
      promisedShipByTime: '2024-03-03T00:00:00Z',
      promisedDeliveryByTime: '2024-03-10T00:00:00Z',
      source: 'AKINON',
      shipMethod: 'standard',
    });
    for (const key of Object.keys(request)) expect(DOC_REQUEST_KEYS).toContain(key);
    for (const key of Object.keys(request.address)) expect(DOC_ADDRESS_KEYS).toContain(key);
    for (const line of request.lineItems) for (const key of Object.keys(line)) expect(DOC_LINE_ITEM_KEYS).toContain(key);
  });

  it('makes money a number only in customsUnitValue, from the line price and the order currency (FX-6)', () => {
    const json = JSON.stringify(toCreateOrderRequest(order, { now: NOW }));
    expect(json.match(/"amount":/g)).toHaveLength(2);
    expect(json).not.toMatch(/629/);
  });

  it('refuses a non-US order whose line has no price, naming the line, instead of inventing a value', () => {
    const unpriced = buildOrder({ id: 'ord_x', shippingAddress: { countryCode: 'TR' }, lines: [buildLine({ id: 'ln_9', sku: 'SKU-9', unitPrice: null as unknown as string })] });
    expect(() => toCreateOrderRequest(unpriced, { now: NOW })).toThrow(
      'Order ord_x cannot be sent to Flexport: lines[ln_9].unitPrice (sku SKU-9) is missing; Flexport needs customsUnitValue for destination TR',
    );
    const blank = buildOrder({ shippingAddress: { countryCode: 'DE' }, lines: [buildLine({ unitPrice: '' })] });
    expect(() => toCreateOrderRequest(blank, { now: NOW })).toThrow(FlexportOrderUnmappableError);
    const noCurrency = buildOrder({ shippingAddress: { countryCode: 'DE' }, money: { currency: '' } });
    expect(() => toCreateOrderRequest(noCurrency, { now: NOW })).toThrow(/money.currency is not an ISO 4217 code/);
  });

  it('sends only the lines named, and never a closed or cancelling one even when named (FX-9, AK-10)', () => {
    const request = toCreateOrderRequest(order, { now: NOW, lineIds: ['ln_2', 'ln_4', 'ln_6'] });
    expect(request.lineItems).toEqual([{ logisticsSku: 'SKU-BLUE', quantity: 1, customsUnitValue: { amount: 0.1, currencyCode: 'USD' } }]);
    expect(toCreateOrderRequest(order, { now: NOW, lineIds: ['ln_3'] }).lineItems).toEqual([{ logisticsSku: 'SKU-RED', quantity: 1, customsUnitValue: { amount: 0.2, currencyCode: 'USD' } }]);
    expect(() => toCreateOrderRequest(order, { now: NOW, lineIds: ['ln_4'] })).toThrow(/has no open line to fulfil/);
  });

  it('sends a US order without a price with no customs value: the document needs it only outside the US', () => {
    const domestic = buildOrder({ shippingAddress: { countryCode: 'US' }, lines: [buildLine({ sku: 'S', unitPrice: null as unknown as string })] });
    expect(toCreateOrderRequest(domestic, { now: NOW }).lineItems).toEqual([{ logisticsSku: 'S', quantity: 1 }]);
  });

  it.each([
    ['US', 'California', 'CA'],
    ['US', 'ca', 'CA'],
    ['US', 'US-TX', 'TX'],
    ['US', '  new   york ', 'NY'],
    ['US', 'Washington DC', 'DC'],
    ['CA', 'Québec', 'QC'],
    ['CA', 'Ontario', 'ON'],
    ['US', 'Kalifornia', undefined],
    ['US', 'ON', undefined],
    ['TR', 'Kadıköy', undefined],
    ['TR', '34', undefined],
    ['US', null, undefined],
  ])('sends provinceCode only for a real ISO 3166-2 subdivision (%s, %s → %s; FX-4)', (countryCode, region, expected) => {
    const request = toCreateOrderRequest(buildOrder({ shippingAddress: { countryCode, region } }), { now: NOW });
    expect(request.address.provinceCode).toBe(expected);
  });

  it('sends the promised times from shipBy / deliverBy when set', () => {
    const request = toCreateOrderRequest(buildOrder({ shippingConstraints: { shipBy: '2024-03-04T09:30:00.000Z', deliverBy: null } }), { now: NOW });
    expect(request.promisedShipByTime).toBe('2024-03-04T09:30:00.000Z');
    expect(request).not.toHaveProperty('promisedDeliveryByTime');
  });

  it('is deterministic: the same order gives the same body', () => {
    expect(toCreateOrderRequest(order, { now: NOW })).toEqual(toCreateOrderRequest(order, { now: NOW + 1000 }));
  });

  it('leaves out promised times already past, and a ship-by not before the deliver-by', () => {
    const late = toCreateOrderRequest(order, { now: Date.parse('2024-03-05T00:00:00Z') });
    expect(late).not.toHaveProperty('promisedShipByTime');
    expect(late.promisedDeliveryByTime).toBe('2024-03-10T00:00:00Z');
    const inverted = buildOrder({ shippingConstraints: { shipBy: '2024-03-12T00:00:00Z', deliverBy: '2024-03-10T00:00:00Z' } });
    expect(toCreateOrderRequest(inverted, { now: NOW })).not.toHaveProperty('promisedShipByTime');
    const none = toCreateOrderRequest(buildOrder(), { now: NOW });
    expect(none).not.toHaveProperty('promisedShipByTime');
    expect(none).not.toHaveProperty('promisedDeliveryByTime');
    expect(none).not.toHaveProperty('shipMethod');
    expect(none).not.toHaveProperty('source');
  });

  it.each([
    ['shippingAddress', buildOrder({ shippingAddress: null })],
    ['shippingAddress.lines', buildOrder({ shippingAddress: { lines: ['  '] } })],
    ['shippingAddress.countryCode', buildOrder({ shippingAddress: { countryCode: '' } })],
    ['lines', buildOrder({ lines: [buildLine({ status: 'rejected' })] })],
  ])('refuses an order it cannot send (%s) before any HTTP call', (field, bad) => {
    expect(() => toCreateOrderRequest(bad, { now: NOW })).toThrow(FlexportOrderUnmappableError);
    try {
      toCreateOrderRequest(bad, { now: NOW });
    } catch (error) {
      expect((error as FlexportOrderUnmappableError).code).toBe('flexport_order_unmappable');
      expect((error as FlexportOrderUnmappableError).field).toBe(field);
    }
  });
});
