import { OrderStatus } from './order-status';
import { STATUS_RANK } from './transition-table';

/** Lines that will never move again and no longer count towards progress. */
export const CLOSED_LINE_STATUSES: readonly OrderStatus[] = ['cancelled', 'rejected'];

/**
 * Open lines that have left the forward flow (a cancel or a return asked for
 * them, e.g. by an Akinon cancellation plan): they set the order's state only
 * when no line is left in the forward flow.
 */
export const SET_ASIDE_LINE_STATUSES: readonly OrderStatus[] = ['cancelling', 'returning', 'returned'];

export function isClosedLineStatus(status: OrderStatus): boolean {
  return CLOSED_LINE_STATUSES.includes(status);
}

/**
 * The order status implied by its lines (Akinon reports a status per item).
 *
 * Rules, in order:
 * 1. `cancelled` and `rejected` lines are *closed*. If every line is closed the
 *    order is `rejected` when every line was rejected, else `cancelled`.
 * 2. While some open line is still in the forward flow (not cancelling,
 *    returning or returned), the order is the least advanced of those lines
 *    (lowest STATUS_RANK): a partially shipped order stays at the earlier
 *    state, and a cancel or return of *some* lines leaves the order where its
 *    other lines are — it can still be fulfilled, and the lines show the
 *    cancel (docs/api-decisions.md AK-10).
 * 3. Else any `cancelling` → `cancelling`; else any `returning` → `returning`;
 *    else `returned`.
 *
 * @throws Error when there are no lines (an order without lines is a bug upstream).
 */
export function rollUpStatus(lines: readonly { status: OrderStatus }[]): OrderStatus {
  if (lines.length === 0) throw new Error('Cannot roll up the status of an order without lines');
  const open = lines.map((line) => line.status).filter((status) => !isClosedLineStatus(status));
  if (open.length === 0) {
    return lines.every((line) => line.status === 'rejected') ? 'rejected' : 'cancelled';
  }
  const forward = open.filter((status) => !SET_ASIDE_LINE_STATUSES.includes(status));
  if (forward.length > 0) return forward.reduce((least, status) => (STATUS_RANK[status] < STATUS_RANK[least] ? status : least));
  if (open.includes('cancelling')) return 'cancelling';
  if (open.includes('returning')) return 'returning';
  return 'returned';
}
