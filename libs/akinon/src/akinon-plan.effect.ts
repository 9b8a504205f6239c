import { CancellationPlan, CancellationPlanEffect } from '@app/adapters';
import { CanonicalOrder, forwardPath, OrderStatus, orderStateMachine, rollUpStatus } from '@app/orders';

/** Line states from which goods have left: money back for them is a return, not a cancel. */
const SHIPPED_LINE_STATUSES: readonly OrderStatus[] = ['shipped', 'delivered', 'returning', 'returned'];

/**
 * Where a plan puts one of its lines (docs/api-decisions.md AK-10): a
 * `refund` plan on a line that has shipped goes to the returns side
 * (`returning` while Akinon processes it, `returned` once completed); any
 * other line of a `refund` or `cancel` plan goes to the cancel side
 * (`cancelling` / `cancelled`). null: the plan moves nothing (a status or
 * type the document does not list, or a plan that was rejected or failed).
 */
export function planLineTarget(plan: Pick<CancellationPlan, 'status' | 'planType'>, line: OrderStatus): OrderStatus | null {
  if (plan.status === null || (plan.planType !== 'refund' && plan.planType !== 'cancel')) return null;
  const pending = plan.status === 'cancelling';
  if (plan.planType === 'refund' && SHIPPED_LINE_STATUSES.includes(line)) return pending ? 'returning' : 'returned';
  return pending ? 'cancelling' : 'cancelled';
}

/**
 * Applies a plan to the lines it names only; the order's status is then the
 * roll-up of its lines (`rollUpStatus`, AK-10), so a plan for one of three
 * items leaves the order where its other items are. Each line moves forward
 * only (a line already further, or closed, keeps its state); the order moves
 * along forward edges, or along the one table edge back when the roll-up
 * says so (an order stored `cancelling` whose lines no longer all are). Pure.
 */
export function applyAkinonPlan(order: CanonicalOrder, plan: CancellationPlan): CancellationPlanEffect {
  const named = new Set([...plan.lineIds, ...plan.itemIds]);
  const planLineIds: string[] = [];
  const movedLineIds: string[] = [];
  const lines = order.lines.map((line) => {
    if (!named.has(line.id) && !named.has(line.externalLineId)) return line;
    planLineIds.push(line.id);
    const target = planLineTarget(plan, line.status);
    const steps = target ? forwardPath(line.status, target) : null;
    if (!target || !steps || steps.length === 0) return line;
    movedLineIds.push(line.id);
    return { ...line, status: target };
  });
  if (movedLineIds.length === 0) return { lines: order.lines, path: [], movedLineIds, planLineIds };
  const target = rollUpStatus(lines);
  const path = forwardPath(order.status, target) ?? (orderStateMachine.canTransition(order.status, target) ? [target] : []);
  return { lines, path, movedLineIds, planLineIds };
}
