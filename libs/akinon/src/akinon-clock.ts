import { isoTime } from './akinon-values';
import { AkinonOrder, AkinonOrderItem } from './akinon.types';

/**
 * The order's channel clock (`channelUpdatedAt`, read by the stale-snapshot
 * guard). The document's order schema has no `updated_at` (only its filters
 * name it), so (docs/api-decisions.md AK-4):
 * 1. `updated_at`, when the deployment renders it;
 * 2. else the latest of the documented datetimes that are only ever set as
 *    the order moves on and never change afterwards — order `date_placed`,
 *    `invoice_date`; item `invoice_date`, `shipped_date`, `delivered_date`.
 *    A lower bound of the update time, but monotone: a snapshot whose value
 *    is earlier really is older, so the guard never drops news; changes that
 *    carry no datetime (a reject, a cancel) tie, and ties are applied.
 * `delivery_range` and `estimated_delivery_date` are left out: they are
 * promises about the future, not events.
 */
export function akinonChannelClock(order: AkinonOrder, items: readonly AkinonOrderItem[]): string | null {
  const updated = isoTime(order.updated_at);
  if (updated) return updated;
  const events = [order.date_placed, order.invoice_date, ...items.flatMap((item) => [item.invoice_date, item.shipped_date, item.delivered_date])];
  let latest: string | null = null;
  for (const raw of events) {
    const time = isoTime(raw);
    if (time && (latest === null || Date.parse(time) > Date.parse(latest))) latest = time;
  }
  return latest;
}
