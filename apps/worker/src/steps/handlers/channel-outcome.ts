import { CommandOutcome } from '@app/adapters';
import { applyInbound, CanonicalOrder, OrderStatus } from '@app/orders';
import { Effect } from '../order-effects';

/**
 * The order after a channel command: when the adapter read the remote order
 * back, that snapshot is the truth (applied forward-only, like a sync);
 * otherwise `fallback` says what the command means for our copy.
 */
export function effectOfOutcome(current: CanonicalOrder, outcome: CommandOutcome, now: string, fallback: () => CanonicalOrder): Effect {
  if (outcome.order) {
    const applied = applyInbound(current, outcome.order.snapshot, now);
    if (applied.changed && applied.order.status !== current.status) {
      return { order: applied.order, transitions: applied.transitions, requestId: outcome.requestId };
    }
  }
  const order = fallback();
  const transitions: { from: OrderStatus; to: OrderStatus }[] = order.status === current.status ? [] : [{ from: current.status, to: order.status }];
  return { order, transitions, requestId: outcome.requestId };
}
