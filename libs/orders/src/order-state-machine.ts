import { ACTION_RULES, OrderAction, ORDER_ACTIONS } from './order-actions';
import { IllegalTransitionError } from './order-errors';
import { ORDER_STATUSES, OrderStatus } from './order-status';
import { FiniteStateMachine, InvalidStateMachineError, Transition } from './finite-state-machine';
import { ORDER_TRANSITIONS, STATUS_RANK } from './transition-table';

/** Actions whose rule starts from this state, ignoring channel and order facts. */
function actionsFrom(status: OrderStatus): OrderAction[] {
  return ORDER_ACTIONS.filter((action) => ACTION_RULES[action].from.includes(status));
}

/**
 * The one order state machine. Without an order at hand the best list of
 * allowed actions is the state-only one; `applyTransition` and
 * `assertActionAllowed` refine it with channel and order facts.
 */
export const orderStateMachine = new FiniteStateMachine<OrderStatus>(ORDER_STATUSES, ORDER_TRANSITIONS, {
  onIllegal: (from, to) => new IllegalTransitionError(from, to, actionsFrom(from)),
});

/**
 * Shortest path of table edges from `from` to `to` in which every step
 * strictly increases STATUS_RANK, as the states after `from`
 * (ready → delivered gives ['shipped', 'delivered']). `[]` when from === to,
 * null when `to` cannot be reached going forward. This is how a poll that
 * skipped intermediate states still records every step.
 */
export function forwardPath(from: OrderStatus, to: OrderStatus): OrderStatus[] | null {
  if (from === to) return [];
  // BFS visits each state once; parents let us rebuild the path.
  const parent = new Map<OrderStatus, OrderStatus>();
  const queue: OrderStatus[] = [from];
  while (queue.length > 0) {
    const state = queue.shift() as OrderStatus;
    for (const next of orderStateMachine.nextStates(state)) {
      if (STATUS_RANK[next] <= STATUS_RANK[state] || next === from || parent.has(next)) continue;
      parent.set(next, state);
      if (next === to) return rebuild(parent, from, to);
      queue.push(next);
    }
  }
  return null;
}

function rebuild(parent: Map<OrderStatus, OrderStatus>, from: OrderStatus, to: OrderStatus): OrderStatus[] {
  const path: OrderStatus[] = [to];
  let state = to;
  while (parent.get(state) !== from) {
    state = parent.get(state) as OrderStatus;
    path.unshift(state);
  }
  return path;
}

/**
 * Boot check (call once at start-up; throws InvalidStateMachineError): every
 * state reachable from `pending`, no unknown state, and every action's move is
 * a table edge. Parameters exist so tests can feed a broken definition.
 */
export function validateOrderStateMachine(
  transitions: readonly Transition<OrderStatus>[] = ORDER_TRANSITIONS,
  rules: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus }> = ACTION_RULES,
): void {
  const machine = new FiniteStateMachine<OrderStatus>(ORDER_STATUSES, transitions);
  machine.validate('pending');
  for (const [action, rule] of Object.entries(rules)) {
    for (const from of rule.from) {
      // A self-move (modify_tracking) changes data, not state.
      if (from === rule.to) continue;
      if (!machine.canTransition(from, rule.to)) {
        throw new InvalidStateMachineError(`Action "${action}" moves ${from} → ${rule.to}, which is not a transition`);
      }
    }
  }
}
