import { ChannelOrder } from '@app/adapters';
import { Cancellation, Fulfillment, InboundSnapshot, Money, ShippingAddress } from '@app/orders';
import { joomLineId } from './joom-commands';
import { multiplyDecimal, normalizeDecimal } from './joom-decimal';
import { answerTimeOf, shipByFrom } from './joom-ship-by';
import { joomTimeToIso } from './joom-time';
import { JOOM_V3_CANCELLED_BY, JOOM_V3_RETURN_OUTCOMES, JOOM_V3_SHIPPING_REQUIREMENTS, lookup, mapV3Status, reasonFromV3 } from './joom-v3-status.map';
import { JoomV3Order } from './joom-v3.types';

/**
 * Raw v3 order → canonical snapshot. Whitelist: only the fields below are read.
 * Knowingly dropped: `storeId`, `transactionId` (a purchase group), product
 * and variant ids, `variant.size` / `variant.color`, `mainImage`,
 * `priceInfo.refundAmount`, `shipment.providerId` (the name is kept),
 * `shipment.fulfilledTimestamp`, `return.timestamp` / `return.declineReason`.
 * `daysToFulfill` / `hoursToFulfill` become the ship-by time, counted from
 * the answer's time the client stamped on the order (docs/api-decisions.md JO-7).
 */
export function mapV3Order(raw: JoomV3Order): ChannelOrder {
  const status = mapV3Status(raw.status);
  const externalId = raw.id;
  const placedAt = joomTimeToIso(raw.orderTimestamp) ?? joomTimeToIso(raw.updateTimestamp) ?? new Date(0).toISOString();
  const quantity = typeof raw.quantity === 'string' && raw.quantity.trim() === '' ? NaN : Number(raw.quantity);
  const known = Number.isInteger(quantity) && quantity >= 0 ? quantity : null;
  const units = known ?? 0;
  const snapshot: InboundSnapshot = {
    status,
    channelStatus: raw.status,
    // One order is one SKU (a quantity): one line, following the order status.
    lines: [
      {
        id: joomLineId(externalId),
        externalLineId: externalId,
        // The variant SKU is the unit the merchant stocks; products without variants carry only product.sku.
        sku: raw.product?.variant?.sku || raw.product?.sku || '',
        name: raw.product?.name ?? null,
        quantity: units,
        unitPrice: normalizeDecimal(raw.priceInfo?.unitPrice),
        status,
        channelStatus: null,
      },
    ],
    channelUpdatedAt: joomTimeToIso(raw.updateTimestamp),
    fields: {
      externalNumber: null,
      shippingAddress: address(raw),
      money: money(raw, known),
      shippingConstraints: {
        requirement: lookup(JOOM_V3_SHIPPING_REQUIREMENTS, raw.onlineShippingRequirement),
        shipBy: shipByFrom({ hours: raw.hoursToFulfill, days: raw.daysToFulfill }, joomTimeToIso(raw.orderTimestamp), answerTimeOf(raw)),
        deliverBy: null,
      },
      // Absent (not null) while Joom shows no shipment, so a Flexport fulfilment in progress is not erased.
      fulfillment: fulfillment(raw),
      cancellation: cancellation(raw),
      returnOutcome: lookup(JOOM_V3_RETURN_OUTCOMES, raw.status) ?? undefined,
      placedAt,
    },
  };
  return { externalId, snapshot, placedAt };
}

function address(raw: JoomV3Order): ShippingAddress | null {
  const a = raw.shippingAddress;
  if (!a) return null;
  return {
    name: a.name ?? '',
    lines: [a.streetAddress1, a.streetAddress2].filter((line): line is string => Boolean(line?.trim())),
    city: a.city ?? '',
    region: a.state || null,
    postalCode: a.zipCode || null,
    countryCode: a.country ?? '',
    phone: a.phoneNumber || null,
    email: a.email || null,
  };
}

/**
 * `orderPrice` is the order's total; `unitPrice` and `shippingPrice` are per
 * unit, so shipping = quantity × shippingPrice. A missing amount or currency
 * is null (the order is flagged `amount_missing`), never "0.00" or "";
 * `discounts.sum` when given, "0.00" when the order has no `discounts`
 * (docs/api-decisions.md JO-5).
 */
function money(raw: JoomV3Order, quantity: number | null): Money {
  const price = raw.priceInfo;
  return {
    currency: raw.currency?.trim() ? raw.currency.trim() : null,
    total: normalizeDecimal(price?.orderPrice),
    shipping: quantity === null ? null : multiplyDecimal(price?.shippingPrice, quantity),
    discounts: price?.discounts === undefined ? '0.00' : normalizeDecimal(price.discounts?.sum),
  };
}

/** Online shipments (a waybill number, or still `fulfilledOnline`) belong to Joom Logistics; the rest to the merchant. */
function fulfillment(raw: JoomV3Order): Fulfillment | undefined {
  const shipment = raw.shipment;
  if (!shipment || (!shipment.trackingNumber && !shipment.provider)) return undefined;
  const online = raw.status === 'fulfilledOnline' || Boolean(shipment.shippingOrderNumber);
  return {
    provider: online ? 'joom_logistics' : 'merchant',
    providerOrderId: online ? (shipment.shippingOrderNumber ?? null) : null,
    providerStatus: null,
    shipments: [
      {
        carrier: shipment.provider ?? shipment.shipperName ?? '',
        trackingNumber: shipment.trackingNumber ?? '',
        trackingUrl: null,
        shippedAt: joomTimeToIso(shipment.shippedTimestamp),
        deliveredAt: null,
      },
    ],
  };
}

/** The cancellation reason when Joom gives none, by status. */
const DEFAULT_CANCEL_REASONS: Readonly<Record<string, string>> = { paidByJoomRefund: 'paid_by_joom_refund', refunded: 'refunded' };

function cancellation(raw: JoomV3Order): Cancellation | undefined {
  const requestedBy = lookup(JOOM_V3_CANCELLED_BY, raw.status);
  if (!requestedBy) return undefined;
  return {
    reason: reasonFromV3(raw.refund?.reason) ?? lookup(DEFAULT_CANCEL_REASONS, raw.status) ?? 'cancelled',
    requestedBy,
    note: raw.refund?.note || null,
    at: joomTimeToIso(raw.refund?.timestamp) ?? joomTimeToIso(raw.updateTimestamp) ?? new Date(0).toISOString(),
  };
}
