import { CancellationActor, OrderStatus, ReturnOutcome, ShippingRequirement } from '@app/orders';

/**
 * Joom v3 `status` → canonical status: the ten states of
 * docs/vendor/joom-orders-overview.txt plus `refunded`, seen in the wild
 * (docs/vendor/real-api-facts.md); docs/api-decisions.md JO-6. The raw value
 * is always kept as `channelStatus`. Anything else maps to null: kept raw,
 * flagged `unmapped_status`, never guessed.
 */
export const JOOM_V3_STATUS_MAP: Readonly<Record<string, OrderStatus>> = {
  approved: 'ready',
  fulfilledOnline: 'fulfilling',
  shipped: 'shipped',
  cancelled: 'cancelled',
  paidByJoomRefund: 'cancelled',
  returnInitiated: 'returning',
  // "The merchant is expected to complete or decline the return": not over yet.
  returnArrived: 'returning',
  returnCompleted: 'returned',
  returnDeclined: 'returned',
  returnExpired: 'returned',
  refunded: 'cancelled',
};

/** How each finished return ended; `expired` is "has not arrived in time", an outcome of its own. */
export const JOOM_V3_RETURN_OUTCOMES: Readonly<Record<string, ReturnOutcome>> = {
  returnCompleted: 'completed',
  returnDeclined: 'declined',
  returnExpired: 'expired',
};

/**
 * Who cancelled: `cancelled` is "due to merchant's fault", `paidByJoomRefund`
 * "cancelled by Joom"; `refunded` carries no actor, and the gateway did not
 * ask for it, so it is Joom's (JO-6).
 */
export const JOOM_V3_CANCELLED_BY: Readonly<Record<string, CancellationActor>> = {
  cancelled: 'merchant',
  paidByJoomRefund: 'marketplace',
  refunded: 'marketplace',
};

export const JOOM_V3_SHIPPING_REQUIREMENTS: Readonly<Record<string, ShippingRequirement>> = {
  onlineOnly: 'online_only',
  offlineOnly: 'offline_only',
  offlineOrOnline: 'online_or_offline',
};

/** Gateway cancel reasons ⇄ `orders/cancel` reasons. Others are sent as a note without a reason. */
export const JOOM_V3_CANCEL_REASONS: Readonly<Record<string, string>> = {
  out_of_stock: 'outOfStock',
  unable_to_fulfill: 'unableToFulfill',
};

export function mapV3Status(status: string): OrderStatus | null {
  return lookup(JOOM_V3_STATUS_MAP, status);
}

export function lookup<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | null {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : null;
}

/** `orders/cancel` reason → gateway reason (the inverse of JOOM_V3_CANCEL_REASONS); unknown kept as sent. */
export function reasonFromV3(reason: string | undefined): string | null {
  if (!reason) return null;
  return Object.entries(JOOM_V3_CANCEL_REASONS).find(([, joom]) => joom === reason)?.[0] ?? reason;
}
