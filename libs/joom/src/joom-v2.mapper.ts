import { ChannelOrder } from '@app/adapters';
import { Cancellation, Fulfillment, InboundSnapshot, Money, ShippingAddress } from '@app/orders';
import { joomLineId } from './joom-commands';
import { multiplyDecimal, normalizeDecimal } from './joom-decimal';
import { joomTimeToIso } from './joom-time';
import { mapV2Status, reasonFromRefundText, refundActor } from './joom-v2-status.map';
import { JoomV2Order } from './joom-v2.types';

/**
 * v2 has no currency field; Joom pays merchants in US dollars, so every v2
 * amount is read as USD.
 */
export const JOOM_V2_CURRENCY = 'USD';

/**
 * Raw v2 order → canonical snapshot. Whitelist: only the fields below are read.
 * Knowingly dropped: `buyer_id`, `transaction_id` (a purchase group, not an
 * order number), `product_id`, `variant_id`, `product_image_url`, `color`,
 * `size`, `cost` (merchant payout per unit), `shipping_time`, `ship_note`, and
 * `days_to_fulfill` / `hours_to_fulfill` (countdowns relative to "now", which
 * would change the snapshot on every read without a stable deadline).
 */
export function mapV2Order(raw: JoomV2Order): ChannelOrder {
  const status = mapV2Status(raw.state);
  const externalId = raw.order_id;
  const placedAt = joomTimeToIso(raw.order_time) ?? joomTimeToIso(raw.last_updated) ?? new Date(0).toISOString();
  const quantity = Number.parseInt(raw.quantity ?? '', 10);
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
        unitPrice: normalizeDecimal(raw.price),
        status,
        channelStatus: null,
      },
    ],
    channelUpdatedAt: joomTimeToIso(raw.last_updated),
    fields: {
      externalNumber: null,
      shippingAddress: address(raw),
      money: money(raw, Number.isNaN(quantity) ? 0 : quantity),
      shippingConstraints: { requirement: null, shipBy: null, deliverBy: null },
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
 * `order_total` is "the total value of the order" and in the document's
 * example equals quantity × (cost + shipping_cost): Joom's payout basis. The
 * shipping share is taken on the same basis (quantity × shipping_cost) so it
 * is a part of the total; the buyer-facing `price` becomes the line's unit price.
 */
function money(raw: JoomV2Order, quantity: number): Money {
  return {
    currency: JOOM_V2_CURRENCY,
    total: normalizeDecimal(raw.order_total),
    shipping: multiplyDecimal(raw.shipping_cost ?? '0', quantity),
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
