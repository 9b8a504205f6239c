import { Cancellation, Fulfillment, Shipment } from '@app/orders';
import { AKINON_REJECTED, mapPlanStatus } from './akinon-status.map';
import { isoTime } from './akinon-values';
import { AkinonOrder, AkinonOrderItem } from './akinon.types';

/**
 * Tracking numbers on items (or, failing that, on the order) → merchant
 * shipments, one per distinct (company, tracking number). `undefined` when
 * nothing shipped yet, so a Flexport fulfilment the gateway recorded is not
 * overwritten by "no tracking" (undefined = "not sent" to the orders lib).
 */
export function mapAkinonFulfillment(order: AkinonOrder, items: readonly AkinonOrderItem[]): Fulfillment | undefined {
  const groups = new Map<string, AkinonOrderItem[]>();
  for (const item of items) {
    if (!item.tracking_number) continue;
    const key = `${item.shipping_company ?? ''}\u0000${item.tracking_number}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const shipments: Shipment[] = [...groups.values()].map((group) => shipmentOf(order, group));
  if (shipments.length === 0 && order.tracking_number) {
    shipments.push({
      carrier: order.shipping_company ?? order.cargo_company ?? '',
      trackingNumber: order.tracking_number,
      trackingUrl: null,
      shippedAt: null,
      deliveredAt: null,
    });
  }
  if (shipments.length === 0) return undefined;
  return { provider: 'merchant', providerOrderId: null, providerStatus: null, shipments };
}

function shipmentOf(order: AkinonOrder, group: AkinonOrderItem[]): Shipment {
  const shipped = group
    .map((item) => isoTime(item.shipped_date))
    .filter((t): t is string => t !== null)
    .sort();
  const delivered = group.map((item) => isoTime(item.delivered_date));
  // A parcel counts as delivered only when every item in it was.
  const allDelivered = delivered.every((t) => t !== null) ? (delivered as string[]).sort() : [];
  return {
    carrier: group[0].shipping_company ?? order.shipping_company ?? order.cargo_company ?? '',
    trackingNumber: group[0].tracking_number as string,
    trackingUrl: null,
    shippedAt: shipped[0] ?? null,
    deliveredAt: allDelivered[allDelivered.length - 1] ?? null,
  };
}

/** Item codes of a cancel under way or done. */
const CANCEL_SIDE_CODES: readonly number[] = [700, 800];

/**
 * `cancel_status` (order, else the first item that has one) → cancellation
 * info when it means a cancellation under way or done. Akinon's cancellations
 * come from the customer through the marketplace, hence `marketplace`. A
 * rejected/withdrawn/unknown value gives `undefined` (stored info is kept).
 * Plans name items (docs/api-decisions.md AK-10), so the order's own
 * `cancel_status` also shows a plan for some items or a refund of shipped
 * ones: the order counts as cancelled only when every item not rejected is
 * at 700 Cancellation Waiting or 800 Cancelled.
 */
export function mapAkinonCancellation(order: AkinonOrder, items: readonly AkinonOrderItem[]): Cancellation | undefined {
  const live = items.filter((item) => Number(item.status) !== AKINON_REJECTED);
  if (live.length === 0 || !live.every((item) => CANCEL_SIDE_CODES.includes(Number(item.status)))) return undefined;
  const raw = order.cancel_status ?? items.find((item) => item.cancel_status)?.cancel_status ?? null;
  const meaning = mapPlanStatus(raw);
  if (meaning === null) return undefined;
  return {
    reason: meaning === 'cancelled' ? 'cancelled_by_channel' : 'cancellation_requested',
    requestedBy: 'marketplace',
    note: `Akinon cancel_status "${raw}"`,
    // Akinon gives no time for the cancellation itself; the order's last update is the closest fact.
    at: isoTime(order.updated_at) ?? isoTime(order.date_placed) ?? new Date(0).toISOString(),
  };
}
