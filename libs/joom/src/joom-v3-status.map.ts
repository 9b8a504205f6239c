import { CancellationActor, OrderStatus, ReturnOutcome, ShippingRequirement } from '@app/orders';

/**
 * Joom v3 `status` → canonical status (DESIGN §4, states of
 * joom-orders-overview.txt). Anything else (e.g. `refunded`, seen in the
 * wild) maps to null: kept raw, flagged, never guessed.
 */
export const JOOM_V3_STATUS_MAP: Readonly<Record<string, OrderStatus>> = {
  approved: 'ready',
  fulfilledOnline: 'fulfilling',
  shipped: 'shipped',
  cancelled: 'cancelled',
  paidByJoomRefund: 'cancelled',
  returnInitiated: 'returning',
  returnArrived: 'returned',
  returnCompleted: 'returned',
  returnDeclined: 'returned',
  returnExpired: 'returned',
};

/** How each return state ended. */
export const JOOM_V3_RETURN_OUTCOMES: Readonly<Record<string, ReturnOutcome>> = {
  returnArrived: 'arrived',
  returnCompleted: 'completed',
  returnDeclined: 'declined',
  returnExpired: 'expired',
};

/** Who cancelled: `cancelled` is "due to merchant's fault", `paidByJoomRefund` "cancelled by Joom". */
export const JOOM_V3_CANCELLED_BY: Readonly<Record<string, CancellationActor>> = {
  cancelled: 'merchant',
  paidByJoomRefund: 'marketplace',
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
