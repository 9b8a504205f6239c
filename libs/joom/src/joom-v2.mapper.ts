import { ChannelOrder } from '@app/adapters';
import { Cancellation, Fulfillment, InboundSnapshot, Money, ShippingAddress } from '@app/orders';
import { joomLineId } from './joom-commands';
import { multiplyDecimal, normalizeDecimal } from './joom-decimal';
import { answerTimeOf, shipByFrom } from './joom-ship-by';
import { joomTimeToIso } from './joom-time';
import { mapV2Status, reasonFromRefundText, refundActor } from './joom-v2-status.map';
import { JoomV2Order } from './joom-v2.types';

/** v2 names no currency: `JOOM_CURRENCY`, default USD (docs/api-decisions.md JO-4). */
export const JOOM_V2_CURRENCY = 'USD';

/** What the v2 mapper needs beyond the order itself. */
export interface V2MapContext {
  /** The currency of every v2 amount (JO-4). */
  currency: string;
}

const DEFAULT_CONTEXT: V2MapContext = { currency: JOOM_V2_CURRENCY };

/**
 * Raw v2 order → canonical snapshot. Whitelist: only the fields below are read.
 * Knowingly dropped: `buyer_id`, `transaction_id` (a purchase group, not an
 * order number), `product_id`, `variant_id`, `product_image_url`, `color`,
 * `size`, `price` and `shipping` (what the buyer pays: the money is on the
 * payout basis, JO-3), `shipping_time`, `ship_note`. `days_to_fulfill` /
 * `hours_to_fulfill` become the ship-by time, counted from the answer's time
 * the client stamped on the order (docs/api-decisions.md JO-7).
 */
export function mapV2Order(raw: JoomV2Order, context: V2MapContext = DEFAULT_CONTEXT): ChannelOrder {
  const status = mapV2Status(raw.state);
  const externalId = raw.order_id;
  const placedAt = joomTimeToIso(raw.order_time) ?? joomTimeToIso(raw.last_updated) ?? new Date(0).toISOString();
  const quantity = /^\d+$/.test(raw.quantity?.trim() ?? '') ? Number(raw.quantity) : NaN;
  const snapshot: InboundSnapshot = {
    status,
    channelStatus: raw.state,
    // One order is one SKU: one line, following the order status (no per-line status of its own).
    lines: [
      {
        id: joomLineId(externalId),
        externalLineId: externalId,
        sku: raw.sku ?? '',
        name: raw.product_name ?? null,
        quantity: Number.isNaN(quantity) ? 0 : quantity,
        unitPrice: normalizeDecimal(raw.cost),
        status,
        channelStatus: null,
      },
    ],
    channelUpdatedAt: joomTimeToIso(raw.last_updated),
    fields: {
      externalNumber: null,
      shippingAddress: address(raw),
      money: money(raw, quantity, context.currency),
      shippingConstraints: {
        requirement: null,
        shipBy: shipByFrom({ hours: raw.hours_to_fulfill, days: raw.days_to_fulfill }, joomTimeToIso(raw.order_time), answerTimeOf(raw)),
        deliverBy: null,
      },
      // Absent (not null) when Joom shows no shipment, so a Flexport fulfilment in progress is not erased.
      fulfillment: fulfillment(raw),
      cancellation: cancellation(raw),
      placedAt,
    },
  };
  return { externalId, snapshot, placedAt };
}

function address(raw: JoomV2Order): ShippingAddress | null {
  const detail = raw.ShippingDetail;
  if (!detail) return null;
  return {
    name: detail.name ?? '',
    lines: [detail.street_address1, detail.street_address2].filter((line): line is string => Boolean(line?.trim())),
    city: detail.city ?? '',
    region: detail.state || null,
    postalCode: detail.zipcode || null,
    countryCode: detail.country ?? '',
    phone: detail.phone_number || null,
    email: null,
  };
}

/**
 * One basis, Joom's payout (docs/api-decisions.md JO-3): the line's unit
 * price is `cost`, shipping is quantity × `shipping_cost` (both "per unit"),
 * the total is `order_total`; on the document's example 2 × 6.8 + 2 × 2 =
 * 17.6. The payout carries no discount. Missing amounts stay null (JO-5).
 */
function money(raw: JoomV2Order, quantity: number, currency: string): Money {
  return {
    currency,
    total: normalizeDecimal(raw.order_total),
    shipping: Number.isNaN(quantity) ? null : multiplyDecimal(raw.shipping_cost, quantity),
    discounts: '0.00',
  };
}

function fulfillment(raw: JoomV2Order): Fulfillment | undefined {
  if (!raw.tracking_number && !raw.shipping_provider) return undefined;
  return {
    provider: 'merchant',
    providerOrderId: null,
    providerStatus: null,
    shipments: [
      {
        carrier: raw.shipping_provider ?? '',
        trackingNumber: raw.tracking_number ?? '',
        trackingUrl: null,
        shippedAt: joomTimeToIso(raw.shipped_date),
        deliveredAt: null,
      },
    ],
  };
}

function cancellation(raw: JoomV2Order): Cancellation | undefined {
  if (raw.state !== 'REFUNDED') return undefined;
  return {
    reason: reasonFromRefundText(raw.refunded_reason),
    requestedBy: refundActor(raw.refunded_by),
    note: raw.refunded_note || null,
    at: joomTimeToIso(raw.refunded_time) ?? joomTimeToIso(raw.last_updated) ?? new Date(0).toISOString(),
  };
}
