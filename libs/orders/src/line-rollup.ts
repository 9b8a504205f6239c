import { OrderStatus } from './order-status';
import { STATUS_RANK } from './transition-table';

/** Lines that will never move again and no longer count towards progress. */
export const CLOSED_LINE_STATUSES: readonly OrderStatus[] = ['cancelled', 'rejected'];

export function isClosedLineStatus(status: OrderStatus): boolean {
  return CLOSED_LINE_STATUSES.includes(status);
}

/**
 * The order status implied by its lines (Akinon reports a status per item).
 *
 * Rules, in order:
 * 1. `cancelled` and `rejected` lines are *closed*. If every line is closed the
 *    order is `rejected` when every line was rejected, else `cancelled`.
 * 2. Among the open lines: any `cancelling` → `cancelling` (a pending cancel
 *    is what a human must see first).
 * 3. Else any `returning` → `returning`.
 * 4. Else the least advanced open status (lowest STATUS_RANK): a partially
 *    shipped order stays at the earlier state until every open line shipped.
 *
 * @throws Error when there are no lines (an order without lines is a bug upstream).
 */
export function rollUpStatus(lines: readonly { status: OrderStatus }[]): OrderStatus {
  if (lines.length === 0) throw new Error('Cannot roll up the status of an order without lines');
  const open = lines.map((line) => line.status).filter((status) => !isClosedLineStatus(status));
  if (open.length === 0) {
    return lines.every((line) => line.status === 'rejected') ? 'rejected' : 'cancelled';
  }
  if (open.includes('cancelling')) return 'cancelling';
  if (open.includes('returning')) return 'returning';
  return open.reduce((least, status) => (STATUS_RANK[status] < STATUS_RANK[least] ? status : least));
}
