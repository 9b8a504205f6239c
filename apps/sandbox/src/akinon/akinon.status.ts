import { AKINON_STATUS, AkinonStatus } from './akinon.types';

const { CANCELLATION_WAITING, CANCELLED, REJECTED } = AKINON_STATUS;

/**
 * The order's status follows its items: a pending cancellation wins; otherwise
 * the least advanced live item sets the pace (an order is only "delivered" when
 * every live item is); an order whose items are all gone is rejected if every
 * item was rejected, else cancelled.
 */
export function deriveOrderStatus(itemStatuses: readonly AkinonStatus[]): AkinonStatus {
  if (itemStatuses.length === 0) return AKINON_STATUS.APPROVE_WAITING;
  if (itemStatuses.includes(CANCELLATION_WAITING)) return CANCELLATION_WAITING;
  const live = itemStatuses.filter((status) => status !== CANCELLED && status !== REJECTED);
  if (live.length === 0) return itemStatuses.every((status) => status === REJECTED) ? REJECTED : CANCELLED;
  return Math.min(...live) as AkinonStatus;
}

/**
 * Django REST renders datetimes with `isoformat()`: no fraction when it is
 * zero ("2019-01-01T00:00:00Z", as in the document), otherwise the fraction.
 */
export function formatAkinonTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
