import { formatCents } from '../core/decimal';
import { deriveSeed, SeededRandom } from '../core/prng';
import { SampleOrder, sampleOrder, sampleState, sampleTimeline, uniqueId } from '../joom-shared/sample-order';
import { JOOM_V3_SHIPPERS, JoomV3Shipper } from './joom-v3.shippers';
import { CANCEL_REASONS, JOOM_V3_STATES, JoomV3Order, JoomV3Shipment, JoomV3State, OnlineShipment, OnlineShippingRequirement, StoredV3Order, v3Time } from './joom-v3.types';

/** The store the sandbox token belongs to; orders of any other store answer 403. */
export const JOOM_V3_STORE_ID = '5f1a0c9e3b7d4e2a8c6b0d1e';

/** Mostly approved (material for fulfill tests), yet every documented state appears. */
const STATE_WEIGHTS: readonly (readonly [JoomV3State, number])[] = [
  ['approved', 45],
  ['fulfilledOnline', 8],
  ['shipped', 20],
  ['cancelled', 6],
  ['paidByJoomRefund', 5],
  ['returnInitiated', 4],
  ['returnExpired', 3],
  ['returnArrived', 3],
  ['returnCompleted', 3],
  ['returnDeclined', 3],
];
const REQUIREMENT_WEIGHTS: readonly (readonly [OnlineShippingRequirement, number])[] = [
  ['offlineOrOnline', 50],
  ['offlineOnly', 30],
  ['onlineOnly', 20],
];
const OPEN_STATES = new Set<string>(['approved', 'fulfilledOnline']);

export interface V3Overrides {
  id?: string;
  status?: string;
  onlineShippingRequirement?: OnlineShippingRequirement;
  storeId?: string;
  country?: string;
  quantity?: number;
  /** Orders made by the control plane are placed "now" (see sampleTimeline). */
  placedAtMs?: number;
}

export function generateV3Orders(count: number, seed: number, nowMs: number): StoredV3Order[] {
  const rng = new SeededRandom(deriveSeed(seed, 'joom-v3'));
  const taken = new Set<string>();
  return Array.from({ length: count }, (_, i) => buildV3Order(rng, taken, nowMs, { status: sampleState(rng, i, JOOM_V3_STATES, STATE_WEIGHTS) }));
}

export function buildV3Order(rng: SeededRandom, taken: Set<string>, nowMs: number, overrides: V3Overrides = {}): StoredV3Order {
  const sample = sampleOrder(rng);
  const { buyer } = sample;
  if (overrides.country) buyer.countryCode = overrides.country;
  if (overrides.quantity) sample.quantity = overrides.quantity;
  const status = overrides.status ?? 'approved';
  let requirement = overrides.onlineShippingRequirement ?? rng.weighted(REQUIREMENT_WEIGHTS);
  // A seeded order never contradicts its own requirement (fulfilled online yet offlineOnly).
  if (!overrides.onlineShippingRequirement && status === 'fulfilledOnline' && requirement === 'offlineOnly') requirement = 'offlineOrOnline';
  const id = overrides.id ?? uniqueId(taken, () => rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8));
  taken.add(id);
  const { orderMs, updatedMs } = sampleTimeline(rng, nowMs, { open: OPEN_STATES.has(status), untouched: status === 'approved', placedAtMs: overrides.placedAtMs });
  const order: JoomV3Order = {
    id,
    storeId: overrides.storeId ?? JOOM_V3_STORE_ID,
    transactionId: rng.hex(24),
    status,
    currency: sample.currency,
    quantity: sample.quantity,
    orderTimestamp: v3Time(orderMs),
    updateTimestamp: v3Time(updatedMs),
    onlineShippingRequirement: requirement,
    product: product(sample),
    priceInfo: {
      unitPrice: formatCents(sample.unitPriceCents),
      shippingPrice: formatCents(sample.shippingCents),
      orderPrice: formatCents(sample.quantity * (sample.unitPriceCents + sample.shippingCents)),
      refundAmount: '0.00',
    },
    shippingAddress: {
      name: buyer.fullName,
      phoneNumber: buyer.phone,
      email: buyer.email,
      country: buyer.countryCode,
      state: buyer.region,
      city: buyer.city,
      streetAddress1: buyer.street,
      ...(buyer.street2 ? { streetAddress2: buyer.street2 } : {}),
      zipCode: buyer.zip,
    },
  };
  decorateForStatus(rng, order, orderMs, updatedMs);
  return { order, orderMs, updatedMs };
}

/** The sub-objects a real order in that state carries: shipment, refund, return. */
function decorateForStatus(rng: SeededRandom, order: JoomV3Order, orderMs: number, updatedMs: number): void {
  const { status } = order;
  const fulfilledMs = orderMs + Math.floor(rng.float() * (updatedMs - orderMs));
  const online = order.onlineShippingRequirement === 'onlineOnly' || (order.onlineShippingRequirement === 'offlineOrOnline' && rng.chance(0.5));
  if (status === 'fulfilledOnline') order.shipment = onlineShipment(rng, onlineShipperFor(order.shippingAddress.country), updatedMs);
  if (status === 'shipped' || status.startsWith('return')) {
    const shipment = online ? onlineShipment(rng, onlineShipperFor(order.shippingAddress.country), fulfilledMs) : offlineShipment(rng, order.shippingAddress.country, fulfilledMs);
    order.shipment = { ...shipment, shippedTimestamp: v3Time(status === 'shipped' ? updatedMs : fulfilledMs) };
  }
  if (status.startsWith('return')) order.return = { timestamp: v3Time(updatedMs) };
  if (status === 'returnDeclined') order.return = { timestamp: v3Time(updatedMs), declineReason: 'The item shows signs of use' };
  if (status === 'cancelled' || status === 'returnCompleted' || status === 'paidByJoomRefund') {
    order.refund = {
      by: status === 'paidByJoomRefund' ? 'joom' : 'merchant',
      ...(status === 'cancelled' ? { reason: rng.pick(CANCEL_REASONS) } : {}),
      timestamp: v3Time(updatedMs),
    };
    order.priceInfo.refundAmount = order.priceInfo.orderPrice;
  }
}

export function onlineShipment(rng: SeededRandom, shipper: JoomV3Shipper, atMs: number): OnlineShipment {
  return {
    provider: shipper.name,
    providerId: shipper.id,
    trackingNumber: `JL${rng.digits(12)}`,
    shippingOrderNumber: `SO${rng.digits(10)}`,
    shipperName: shipper.onlineShipping.firstMileShipperName ?? shipper.name,
    fulfilledTimestamp: v3Time(atMs),
  };
}

function offlineShipment(rng: SeededRandom, country: string, atMs: number): JoomV3Shipment {
  const offline = JOOM_V3_SHIPPERS.filter((s) => s.offlineShipping);
  const serving = offline.filter((s) => s.destinationCountries.includes(country));
  const shipper = rng.pick(serving.length ? serving : offline);
  return { provider: shipper.name, providerId: shipper.id, trackingNumber: `${rng.chars('ABCDEFGHJKLMNPRSTUVWXYZ', 2)}${rng.digits(9)}CN`, fulfilledTimestamp: v3Time(atMs) };
}

function onlineShipperFor(country: string): JoomV3Shipper {
  return JOOM_V3_SHIPPERS.find((s) => s.onlineShipping.available && s.destinationCountries.includes(country)) ?? JOOM_V3_SHIPPERS[0];
}

function product(sample: SampleOrder): JoomV3Order['product'] {
  const { product: item } = sample;
  const variantSku = [item.sku, sample.color, sample.size].filter(Boolean).join('-');
  return {
    id: item.id,
    sku: item.sku,
    name: item.name,
    mainImage: item.imageUrl,
    variant: { id: item.variantId, sku: variantSku, ...(sample.size ? { size: sample.size } : {}), ...(sample.color ? { color: sample.color } : {}) },
  };
}
