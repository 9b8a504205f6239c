import { annotation } from './history-annotation';
import { OrderStatus } from './order-status';
import { Attention, CanonicalOrder, HistoryEntry } from './order.types';

/**
 * Statuses in which a ship-by deadline still matters: the order has not
 * shipped and is not being cancelled. Joom refunds an order not fulfilled by
 * its deadline (`hours_to_fulfill`: "Order not fulfilled will be
 * automatically refunded", docs/api-decisions.md JO-7); an order handed to
 * Flexport (`fulfilling`) has not shipped yet either.
 */
export const SHIP_BY_WATCHED: readonly OrderStatus[] = ['pending', 'on_hold', 'ready', 'fulfilling'];

const HOUR_MS = 3_600_000;

/** The deadline (ms) an unshipped order must ship by; null when it has none or no longer waits to ship. */
export function shipByDeadlineMs(order: Pick<CanonicalOrder, 'status' | 'shippingConstraints'>): number | null {
  if (!SHIP_BY_WATCHED.includes(order.status)) return null;
  const shipBy = order.shippingConstraints?.shipBy;
  const ms = shipBy ? Date.parse(shipBy) : NaN;
  return Number.isNaN(ms) ? null : ms;
}

/** True when the order has not shipped and its deadline is less than `thresholdHours` away (or past). */
export function isShipByAtRisk(order: Pick<CanonicalOrder, 'status' | 'shippingConstraints'>, nowMs: number, thresholdHours: number): boolean {
  const deadline = shipByDeadlineMs(order);
  return deadline !== null && deadline < nowMs + thresholdHours * HOUR_MS;
}

/**
 * Flags an order at risk of missing its ship-by (`ship_by_at_risk`), with a
 * history annotation when the flag starts. It is the least pressing flag: an
 * order that already carries another one keeps it (that one blocks the
 * shipment, and is what a person must fix first). Pure; null = no change.
 */
export function flagShipByAtRisk(current: CanonicalOrder, now: string, thresholdHours: number): { order: CanonicalOrder; history: Omit<HistoryEntry, 'version'>[] } | null {
  if (current.attention || !isShipByAtRisk(current, Date.parse(now), thresholdHours)) return null;
  const shipBy = current.shippingConstraints.shipBy!;
  const message = `not shipped and due by ${shipBy} (less than ${thresholdHours} h away): ship it or cancel it before the channel refunds it`;
  const attention: Attention = { code: 'ship_by_at_risk', message, since: now, details: { shipBy } };
  return {
    order: { ...current, attention, updatedAt: now },
    history: [annotation(current, { at: now, cause: 'system', actor: 'ship-by-watch', note: `attention ship_by_at_risk: ${message}` })],
  };
}

/**
 * The flag after the order changed: a `ship_by_at_risk` flag goes once the
 * order no longer waits to ship before a deadline (it shipped, is being
 * cancelled, or the channel dropped the deadline); any other flag stays.
 */
export function settledShipByFlag(order: Pick<CanonicalOrder, 'status' | 'shippingConstraints' | 'attention'>): Attention | null {
  return order.attention?.code === 'ship_by_at_risk' && shipByDeadlineMs(order) === null ? null : order.attention;
}
