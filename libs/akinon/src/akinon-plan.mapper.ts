import { CancellationPlan } from '@app/adapters';
import { mapPlanStatus, normalizePlanStatus } from './akinon-status.map';
import { isoTime, lineIdOf } from './akinon-values';
import { AkinonCancellationPlan } from './akinon.types';

/**
 * An Akinon plan in the port's terms: `order` is the order id, `order_items`
 * the item ids (as line ids `ln_<itemId>`). Akinon gives plans no update
 * time: `updatedAt` is `updated_at`, else `created_at`, when the deployment
 * sends them.
 *
 * Knowingly dropped: `shipping_refund_amount`, `refund_amount`,
 * `discount_refund_amount`, `invoice_number`, `payment_plan` (refund
 * accounting is the marketplace's business, not fulfilment's).
 */
export function mapAkinonPlan(plan: AkinonCancellationPlan): CancellationPlan {
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
