import { mapPlanStatus, normalizePlanStatus } from './akinon-status.map';
import { isoTime, lineIdOf } from './akinon-values';
import { AkinonCancellationPlan } from './akinon.types';

/** A cancellation plan as the sync needs it: which order, which items, and what it means. */
export interface AkinonCancellationPlanView {
  /** The Akinon order id (the canonical order's `externalId`). */
  externalOrderId: string;
  planId: string;
  /** `cancelling` while Akinon processes it, `cancelled` once completed, null when it cancels nothing (or is unknown). */
  status: 'cancelling' | 'cancelled' | null;
  /** The plan's status as Akinon sent it, normalised to snake_case. */
  rawStatus: string;
  /** `cancel` (before shipping) or `refund` (after). */
  planType: string;
  /** Akinon order item ids the plan covers. */
  itemIds: string[];
  /** The same items as canonical line ids (`ln_<itemId>`). */
  lineIds: string[];
  /** Akinon gives plans no update time; `updated_at`, else `created_at`, when the deployment sends them. */
  updatedAt: string | null;
}

/**
 * Knowingly dropped: `shipping_refund_amount`, `refund_amount`,
 * `discount_refund_amount`, `invoice_number`, `payment_plan` (refund
 * accounting is the marketplace's business, not fulfilment's).
 */
export function mapAkinonPlan(plan: AkinonCancellationPlan): AkinonCancellationPlanView {
  const itemIds = [...(plan.order_items ?? [])];
  return {
    externalOrderId: plan.order,
    planId: plan.id,
    status: mapPlanStatus(plan.status),
    rawStatus: normalizePlanStatus(plan.status ?? ''),
    planType: plan.plan_type,
    itemIds,
    lineIds: itemIds.map(lineIdOf),
    updatedAt: isoTime(plan.updated_at) ?? isoTime(plan.created_at),
  };
}
