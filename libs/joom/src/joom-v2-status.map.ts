import { CancellationActor, OrderStatus } from '@app/orders';

/**
 * Joom v2 `state` → canonical status. A state not in this table
 * maps to null: the order keeps its state and is flagged, never guessed.
 */
export const JOOM_V2_STATUS_MAP: Readonly<Record<string, OrderStatus>> = {
  APPROVED: 'ready',
  REQUIRE_REVIEW: 'on_hold',
  SHIPPED: 'shipped',
  REFUNDED: 'cancelled',
};

export function mapV2Status(state: string): OrderStatus | null {
  return Object.hasOwn(JOOM_V2_STATUS_MAP, state) ? JOOM_V2_STATUS_MAP[state] : null;
}

/**
 * Refund reason codes of `order/refund` (document table; -1 = other, which
 * requires `reason_note`), keyed by the gateway's reason names, with the
 * text Joom reports back in `refunded_reason`.
 */
export const JOOM_V2_REFUND_REASONS: readonly { reason: string; code: number; text: string }[] = [
  { reason: 'unable_to_fulfill', code: 1, text: 'Store is unable to fulfill order' },
  { reason: 'out_of_stock', code: 2, text: 'Product is out of stock' },
  { reason: 'wrong_address', code: 3, text: 'Customer provided the wrong address information' },
];
export const JOOM_V2_OTHER_REASON_CODE = -1;

export function refundReasonCode(reason: string): number {
  return JOOM_V2_REFUND_REASONS.find((row) => row.reason === reason)?.code ?? JOOM_V2_OTHER_REASON_CODE;
}

/** `refunded_reason` text → gateway reason; unknown text is kept as sent. */
export function reasonFromRefundText(text: string | undefined): string {
  if (!text?.trim()) return 'refunded';
  const known = JOOM_V2_REFUND_REASONS.find((row) => row.text.toLowerCase() === text.trim().toLowerCase());
  return known?.reason ?? text;
}

/**
 * `refunded_by` is free text ("A description of who refunded the order"; seen:
 * "REFUNDED BY MERCHANT", "REFUNDED BY JOOM"). Unknown or missing → the
 * marketplace, since the channel reported a refund the gateway did not record.
 */
export function refundActor(refundedBy: string | undefined): CancellationActor {
  const text = (refundedBy ?? '').toUpperCase();
  if (text.includes('MERCHANT')) return 'merchant';
  if (/CUSTOMER|BUYER|USER/.test(text)) return 'customer';
  return 'marketplace';
}
