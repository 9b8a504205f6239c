/**
 * The canonical order (and line) states. Every channel status maps to one of
 * these through the adapters' mapping tables; the transition table in
 * `transition-table.ts` says how they connect.
 */
export const ORDER_STATUSES = ['pending', 'on_hold', 'ready', 'fulfilling', 'shipped', 'delivered', 'cancelling', 'cancelled', 'rejected', 'returning', 'returned'] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

export const CHANNELS = ['joom', 'akinon', 'flexport'] as const;
export type Channel = (typeof CHANNELS)[number];

/** How a finished return ended (Joom v3 returnCompleted / returnDeclined / returnExpired, which map to `returned`). */
export const RETURN_OUTCOMES = ['completed', 'declined', 'expired'] as const;
export type ReturnOutcome = (typeof RETURN_OUTCOMES)[number];
