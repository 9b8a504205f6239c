import { OrderStatus } from '@app/orders';

/**
 * Flexport `state.internalStatus` → canonical status. ERROR stays
 * `fulfilling`: the order is still with Flexport, it is the `error` object
 * (type, retriable) that tells the worker to flag it or retry it.
 * A value not in this table is not guessed: the mapper answers `status: null`
 * and keeps the raw value.
 */
export const FLEXPORT_STATUS_MAP: Readonly<Record<string, OrderStatus>> = {
  CREATED: 'fulfilling',
  SHIPPED: 'shipped',
  DELIVERED: 'delivered',
  CANCELLED: 'cancelled',
  ERROR: 'fulfilling',
};

export function mapFlexportStatus(internalStatus: string | null | undefined): OrderStatus | null {
  if (typeof internalStatus !== 'string') return null;
  return Object.prototype.hasOwnProperty.call(FLEXPORT_STATUS_MAP, internalStatus) ? FLEXPORT_STATUS_MAP[internalStatus] : null;
}
