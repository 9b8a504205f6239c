import { formatCents, percentOf } from '../core/decimal';
import { deriveSeed, SeededRandom } from '../core/prng';
import { JOOM_ACCEPTED_PROVIDERS } from '../joom-shared/carriers';
import { SampleOrder, sampleOrder, sampleState, sampleTimeline, uniqueId } from '../joom-shared/sample-order';
import { JOOM_V2_REFUND_REASONS, JOOM_V2_STATES, JoomV2Order, JoomV2State, v2Time } from './joom-v2.types';

/** Most orders are APPROVED so fulfill tests always have material; every state appears. */
const STATE_WEIGHTS: readonly (readonly [JoomV2State, number])[] = [
  ['APPROVED', 55],
  ['SHIPPED', 25],
  ['REFUNDED', 10],
  ['REQUIRE_REVIEW', 10],
];

export interface StoredV2Order {
  order: JoomV2Order;
  /** `order_time` / `last_updated` as numbers, for sorting and `since`. */
  orderMs: number;
  updatedMs: number;
}

export interface V2Overrides {
  orderId?: string;
  state?: string;
  /** Orders made by the control plane are placed "now" (see sampleTimeline). */
  placedAtMs?: number;
}

/** `count` orders, the same for the same `seed`; timestamps fall in the 30 days before `nowMs`. */
export function generateV2Orders(count: number, seed: number, nowMs: number): StoredV2Order[] {
  const rng = new SeededRandom(deriveSeed(seed, 'joom-v2'));
  const taken = new Set<string>();
  return Array.from({ length: count }, (_, i) => buildV2Order(rng, taken, nowMs, { state: sampleState(rng, i, JOOM_V2_STATES, STATE_WEIGHTS) }));
}

export function buildV2Order(rng: SeededRandom, taken: Set<string>, nowMs: number, overrides: V2Overrides = {}): StoredV2Order {
  const sample = sampleOrder(rng);
  const state = overrides.state ?? 'APPROVED';
  const orderId = overrides.orderId ?? uniqueId(taken, () => rng.hex(24));
  taken.add(orderId);
  const open = state === 'APPROVED' || state === 'REQUIRE_REVIEW';
  const { orderMs, updatedMs } = sampleTimeline(rng, nowMs, { open, untouched: open, placedAtMs: overrides.placedAtMs });
  const order: JoomV2Order = {
    ShippingDetail: shippingDetail(sample),
    order_id: orderId,
    buyer_id: rng.hex(24),
    transaction_id: rng.hex(24),
    order_time: v2Time(orderMs),
    last_updated: v2Time(updatedMs),
    state,
    ...v2Money(sample),
    product_id: sample.product.id,
    product_name: sample.product.name,
    product_image_url: sample.product.imageUrl,
    variant_id: sample.product.variantId,
    sku: sample.product.sku,
    quantity: String(sample.quantity),
    ...(sample.color ? { color: sample.color } : {}),
    ...(sample.size ? { size: sample.size } : {}),
  };
  if (state === 'SHIPPED') {
    Object.assign(order, {
      shipped_date: v2Time(updatedMs),
      shipping_provider: rng.pick(JOOM_ACCEPTED_PROVIDERS)[0],
      tracking_number: `${rng.chars('ABCDEFGHJKLMNPRSTUVWXYZ', 2)}${rng.digits(9)}CN`,
      shipping_time: `${rng.int(5, 10)}-${rng.int(15, 30)}`,
    });
  }
  if (state === 'REFUNDED') {
    const code = rng.pick(['1', '2', '3']);
    Object.assign(order, { refunded_by: rng.pick(['REFUNDED BY MERCHANT', 'REFUNDED BY JOOM']), refunded_time: v2Time(updatedMs), refunded_reason: JOOM_V2_REFUND_REASONS[code] });
  }
  return { order, orderMs, updatedMs };
}

function shippingDetail({ buyer }: SampleOrder): JoomV2Order['ShippingDetail'] {
  return {
    name: buyer.fullName,
    street_address1: buyer.street,
    ...(buyer.street2 ? { street_address2: buyer.street2 } : {}),
    city: buyer.city,
    state: buyer.region,
    country: buyer.countryCode,
    zipcode: buyer.zip,
    phone_number: buyer.phone,
  };
}

/**
 * Document semantics: price/shipping are what the buyer pays per unit,
 * cost/shipping_cost what Joom pays the merchant per unit, and order_total =
 * quantity × (cost + shipping_cost) — the document's example: 2 × (6.8 + 2) = 17.6.
 */
function v2Money(sample: SampleOrder): Pick<JoomV2Order, 'price' | 'shipping' | 'cost' | 'shipping_cost' | 'order_total'> {
  const cost = percentOf(sample.unitPriceCents, 85);
  const shippingCost = percentOf(sample.shippingCents, 85);
  return {
    price: formatCents(sample.unitPriceCents),
    shipping: formatCents(sample.shippingCents),
    cost: formatCents(cost),
    shipping_cost: formatCents(shippingCost),
    order_total: formatCents(sample.quantity * (cost + shippingCost)),
  };
}
