import { ChannelOrder } from '@app/adapters';
import { InboundLine, Money } from '@app/orders';
import { mapAkinonAddress } from './akinon-address.mapper';
import { akinonChannelClock } from './akinon-clock';
import { mapAkinonCancellation, mapAkinonFulfillment } from './akinon-fulfillment.mapper';
import { AkinonLocationResolver } from './akinon-location.resolver';
import { mapAkinonStatus } from './akinon-status.map';
import { decimal, isoTime, lineIdOf } from './akinon-values';
import { AkinonOrder, AkinonOrderBundle, AkinonOrderItem } from './akinon.types';

/**
 * One Akinon order + its order items + its shipping address → one canonical
 * snapshot. Every item is a line with its own status and `channelStatus`, so
 * the orders lib rolls the order status up from the lines (and can reject
 * them one by one); `status` is still given from the order's own code.
 *
 * Order fields knowingly dropped: `datasource`, `billing_address` (billing is
 * not fulfilment data), `shipping_tax_rate`, `refund_amount`,
 * `discount_refund_amount`, `shipping_refund_amount` (refunds show as
 * cancelled/rejected lines), `invoice_number`, `invoice_date`,
 * `e_archive_url`, `has_gift_box`, `gift_box_note`, `language_code`, `notes`,
 * `delivery_range` (a slot, not a promise), `shipping_option_slug`,
 * `extra_field`, `shipping_interest_amount`, `created_at`.
 * Item fields knowingly dropped: `price_currency` (the order's currency
 * governs), `tax_rate`, `invoice_*`, `e_archive_url`, `retail_price`,
 * `extra_field`, `estimated_delivery_date` (an estimate), `discount_amount`
 * (the order's `discount_amount` is the total), `created_at`, `updated_at`.
 */
export function mapAkinonOrder(bundle: AkinonOrderBundle, locations: AkinonLocationResolver = new AkinonLocationResolver()): ChannelOrder {
  const { order, items, shippingAddress } = bundle;
  const placedAt = isoTime(order.date_placed) ?? order.date_placed;
  const address = shippingAddress ? mapAkinonAddress(shippingAddress, locations) : null;
  return {
    externalId: order.id,
    placedAt,
    snapshot: {
      status: mapAkinonStatus(order.status),
      channelStatus: String(order.status),
      lines: items.map(mapAkinonItem),
      // `updated_at` is not in the document's schema: akinon-clock.ts (docs/api-decisions.md AK-4).
      channelUpdatedAt: akinonChannelClock(order, items),
      fields: {
        externalNumber: order.number,
        shippingAddress: address?.address ?? null,
        money: mapAkinonMoney(order),
        // Akinon has no online/offline rule and no ship-by promise in this API.
        shippingConstraints: { requirement: null, shipBy: null, deliverBy: null },
        fulfillment: mapAkinonFulfillment(order, items),
        cancellation: mapAkinonCancellation(order, items),
        placedAt,
      },
      // Gaps and the raw-address fingerprint: the orders lib flags `address_incomplete` (AK-7, AK-8).
      ...(address ? { address: address.check } : {}),
    },
  };
}

/** Each Akinon order item is one unit of one SKU (quantity 1). */
export function mapAkinonItem(item: AkinonOrderItem): InboundLine {
  return {
    id: lineIdOf(item.id),
    externalLineId: item.id,
    sku: item.sku,
    name: null,
    quantity: 1,
    unitPrice: decimal(item.price),
    status: mapAkinonStatus(item.status),
    channelStatus: String(item.status),
  };
}

export function mapAkinonMoney(order: AkinonOrder): Money {
  return {
    currency: order.currency.toUpperCase(),
    total: decimal(order.amount),
    shipping: decimal(order.shipping_amount),
    discounts: decimal(order.discount_amount),
  };
}
