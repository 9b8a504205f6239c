import { Cancellation, CanonicalOrder, Fulfillment, OrderLine, Shipment } from '../order.types';

/**
 * Test-data builders: every spec starts from one valid order and overrides only
 * the facts it is about, so a change to the canonical shape is fixed here once.
 */

/** Nested objects may be overridden partially; arrays are replaced whole. */
export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object | null ? DeepPartial<NonNullable<T[K]>> | Extract<T[K], null> : T[K];
};

const BASE_TIME = '2024-01-15T10:00:00.000Z';

export function buildLine(overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    id: 'line-1',
    externalLineId: 'ext-line-1',
    sku: 'SKU-1',
    name: 'Test product',
    quantity: 1,
    unitPrice: '10.00',
    status: 'ready',
    channelStatus: 'approved',
    ...overrides,
  };
}

export function buildShipment(overrides: Partial<Shipment> = {}): Shipment {
  return {
    carrier: 'DHL',
    trackingNumber: 'TRACK-1',
    trackingUrl: null,
    shippedAt: BASE_TIME,
    deliveredAt: null,
    ...overrides,
  };
}

/** Merchant-shipped with one shipment unless overridden. */
export function buildFulfillment(overrides: DeepPartial<Fulfillment> = {}): Fulfillment {
  const base: Fulfillment = { provider: 'merchant', providerOrderId: null, providerStatus: null, shipments: [buildShipment()] };
  return mergeDeep(base, overrides);
}

export function buildOrder(overrides: DeepPartial<CanonicalOrder> = {}): CanonicalOrder {
  const status = overrides.status ?? 'ready';
  const base: CanonicalOrder = {
    id: 'joom:main:ext-1',
    channel: 'joom',
    account: 'main',
    externalId: 'ext-1',
    externalNumber: null,
    status,
    channelStatus: 'approved',
    // A default line follows the order status so the order is consistent.
    lines: [buildLine({ status })],
    shippingAddress: {
      name: 'Jane Doe',
      lines: ['1 Test Street'],
      city: 'Berlin',
      region: null,
      postalCode: '10115',
      countryCode: 'DE',
      phone: null,
      email: null,
    },
    money: { currency: 'USD', total: '12.50', shipping: '2.50', discounts: '0.00' },
    shippingConstraints: { requirement: null, shipBy: null, deliverBy: null },
    fulfillment: null,
    cancellation: null,
    returnOutcome: null,
    attention: null,
    placedAt: BASE_TIME,
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    channelUpdatedAt: BASE_TIME,
    version: 1,
  };
  // Nullable sub-objects are null by default; a partial override of one starts
  // from a complete default so the result is still a valid order.
  if (isPlainObject(overrides.fulfillment)) base.fulfillment = buildFulfillment();
  if (isPlainObject(overrides.cancellation)) base.cancellation = DEFAULT_CANCELLATION;
  return mergeDeep(base, overrides);
}

const DEFAULT_CANCELLATION: Cancellation = { reason: 'out_of_stock', requestedBy: 'merchant', note: null, at: BASE_TIME };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeDeep<T>(base: T, overrides: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(overrides)) {
    return (overrides === undefined ? base : overrides) as T;
  }
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeDeep(out[key], value) : value;
  }
  return out as T;
}
