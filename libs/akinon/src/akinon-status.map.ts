import { OrderStatus } from '@app/orders';

/**
 * Akinon order and order-item status codes (the document's enum) → canonical
 * status. The status table, as data. A code not listed here maps to null:
 * the orders lib keeps the state and flags `unmapped_status` instead of
 * guessing. Akinon's public Omnitron API uses other codes; change them here.
 *
 * 300 Package Waiting is `ready`, not `fulfilling`: the item is not packaged
 * yet, the document forbids rejecting only packaged items, and `ready` is the
 * state from which reject and fulfil-via-Flexport are allowed
 * (libs/orders/src/order-actions.ts). The raw code stays in `channelStatus`.
 * docs/api-decisions.md AK-3.
 */
export const AKINON_STATUS_MAP: Readonly<Record<string, OrderStatus>> = {
  '100': 'pending', // Approve Waiting
  '200': 'ready', // Approved
  '300': 'ready', // Package Waiting: not yet packaged, still rejectable and fulfillable (AK-3)
  '400': 'fulfilling', // Packaged
  '500': 'shipped', // Shipped
  '600': 'delivered', // Delivered
  '700': 'cancelling', // Cancellation Waiting
  '800': 'cancelled', // Cancelled
  '900': 'rejected', // Rejected
};

export function mapAkinonStatus(code: number | string | null | undefined): OrderStatus | null {
  if (code === null || code === undefined) return null;
  return AKINON_STATUS_MAP[String(code)] ?? null;
}

export const AKINON_REJECTED = 900;

/**
 * Item codes a reject can still act on when the adapter picks the lines
 * itself (cancel, reject without lineIds). The document only says "packaged
 * orders cannot be rejected", so Package Waiting (300) is still rejectable
 * (docs/api-decisions.md AK-3); the sandbox agrees. Lines named explicitly are sent whatever their code and
 * Akinon's own refusal is reported.
 */
export const AKINON_REJECTABLE_CODES: readonly number[] = [100, 200, 300];

/** Item codes that already carry a cancel's effect (rejected, cancelled, or a cancellation under way). */
export const AKINON_CANCEL_DONE_CODES: readonly number[] = [700, 800, 900];

/**
 * Cancellation-plan status → what it means for the order. Plans still being
 * processed mean "cancel requested"; `completed` means cancelled; a plan that
 * was rejected, withdrawn or failed cancels nothing (null, as does an unknown
 * value — check `rawStatus in AKINON_PLAN_STATUS_MAP` to tell them apart).
 */
export const AKINON_PLAN_STATUS_MAP: Readonly<Record<string, 'cancelling' | 'cancelled' | null>> = {
  waiting: 'cancelling',
  waiting_supplier: 'cancelling',
  approved: 'cancelling',
  confirmation_waiting: 'cancelling',
  confirmed: 'cancelling',
  waiting_for_payment: 'cancelling',
  manuel_refund_need: 'cancelling',
  completed: 'cancelled',
  cancelled: null,
  failed: null,
  rejected: null,
};

/** The doc spells cancel_status "confirmation Waiting", "Manuel Refund Need"…; plans use snake_case. */
export function normalizePlanStatus(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, '_');
}

export function mapPlanStatus(raw: string | null | undefined): 'cancelling' | 'cancelled' | null {
  if (!raw) return null;
  return AKINON_PLAN_STATUS_MAP[normalizePlanStatus(raw)] ?? null;
}
