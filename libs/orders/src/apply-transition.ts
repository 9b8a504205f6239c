import { ChannelProfile, allowedActions, stateAllowedActions } from './order-actions';
import { IllegalTransitionError } from './order-errors';
import { isClosedLineStatus } from './line-rollup';
import { orderStateMachine } from './order-state-machine';
import { OrderStatus } from './order-status';
import { CanonicalOrder } from './order.types';
import { settledShipByFlag } from './ship-by-risk';

/**
 * A command's (or the system's) move of an order along one table edge. Unlike
 * inbound updates this may go backwards (fulfilling → ready when a Flexport
 * order is released), because the gateway itself decided it.
 *
 * Open lines follow when their own move is a table edge; lines already
 * elsewhere (closed, or ahead of the order) stay. Pass `profile` so the error
 * lists what the channel can actually do; without it the list is state-only.
 */
export function applyTransition(current: CanonicalOrder, to: OrderStatus, now: string, profile?: ChannelProfile): CanonicalOrder {
  if (!orderStateMachine.canTransition(current.status, to)) {
    const allowed = profile ? allowedActions(current, profile) : stateAllowedActions(current);
    throw new IllegalTransitionError(current.status, to, allowed);
  }
  const lines = current.lines.map((line) => (!isClosedLineStatus(line.status) && orderStateMachine.canTransition(line.status, to) ? { ...line, status: to } : { ...line }));
  // A shallow copy with new lines: unchanged nested values (address, money…) are shared with `current`,
  // which is safe because orders are never changed in place (a deep clone cost 4–13 µs a step).
  const moved = { ...current, status: to, lines, updatedAt: now };
  return { ...moved, attention: settledShipByFlag(moved) };
}
