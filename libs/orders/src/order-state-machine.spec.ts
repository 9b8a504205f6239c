import { ACTION_RULES } from './order-actions';
import { IllegalTransitionError } from './order-errors';
import { InvalidStateMachineError } from './finite-state-machine';
import { forwardPath, orderStateMachine, validateOrderStateMachine } from './order-state-machine';
import { ORDER_STATUSES, OrderStatus } from './order-status';
import { ORDER_TRANSITIONS, STATUS_RANK, TERMINAL_STATUSES } from './transition-table';

const isEdge = (from: OrderStatus, to: OrderStatus) => ORDER_TRANSITIONS.some((t) => t.from === from && t.to === to);
const ALL_PAIRS = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const));
const FORBIDDEN = ALL_PAIRS.filter(([from, to]) => !isEdge(from, to));

describe('orderStateMachine', () => {
  it('has a table with the expected number of edges and forbidden pairs', () => {
    expect(ORDER_TRANSITIONS).toHaveLength(30);
    expect(FORBIDDEN).toHaveLength(11 * 11 - 30);
  });

  it.each(ORDER_TRANSITIONS.map((t) => [t.from, t.to]))('allows %s → %s', (from, to) => {
    expect(orderStateMachine.canTransition(from, to)).toBe(true);
    expect(() => orderStateMachine.assertTransition(from, to)).not.toThrow();
  });

  it.each(FORBIDDEN)('forbids %s → %s with IllegalTransitionError', (from, to) => {
    expect(orderStateMachine.canTransition(from, to)).toBe(false);
    let error: unknown;
    try {
      orderStateMachine.assertTransition(from, to);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IllegalTransitionError);
    const illegal = error as IllegalTransitionError;
    // allowedActions is the state-only list: the actions whose rule starts here.
    const expected = Object.entries(ACTION_RULES)
      .filter(([, r]) => r.from.includes(from))
      .map(([a]) => a);
    expect(illegal).toMatchObject({ code: 'illegal_transition', from, to, allowedActions: expected });
    expect(illegal.details).toEqual({ from, to, allowedActions: expected });
  });

  it.each(TERMINAL_STATUSES)('terminal %s has no way out', (status) => {
    expect(orderStateMachine.nextStates(status)).toEqual([]);
  });

  it('names the allowed actions from ready', () => {
    expect(() => orderStateMachine.assertTransition('ready', 'delivered')).toThrow(
      expect.objectContaining({ allowedActions: ['fulfill:tracking', 'fulfill:flexport', 'fulfill:online', 'cancel', 'reject'] }),
    );
  });
});

describe('STATUS_RANK', () => {
  // Only these edges may go down in rank; they are command/system moves.
  const BACKWARD = ['on_hold→pending', 'fulfilling→ready', 'cancelling→ready', 'cancelling→fulfilling'];

  it.each(ORDER_TRANSITIONS.map((t) => [t.from, t.to]))('%s → %s has the intended rank direction', (from, to) => {
    const forward = STATUS_RANK[to] > STATUS_RANK[from];
    expect(forward).toBe(!BACKWARD.includes(`${from}→${to}`));
  });
});

describe('forwardPath', () => {
  it.each<[OrderStatus, OrderStatus, OrderStatus[] | null]>([
    ['ready', 'delivered', ['shipped', 'delivered']],
    ['ready', 'shipped', ['shipped']],
    ['pending', 'fulfilling', ['ready', 'fulfilling']],
    ['on_hold', 'delivered', ['ready', 'shipped', 'delivered']],
    ['pending', 'returned', ['ready', 'shipped', 'returned']],
    ['delivered', 'returned', ['returned']],
    ['fulfilling', 'rejected', ['cancelling', 'rejected']],
    ['ready', 'ready', []],
    ['shipped', 'ready', null],
    ['fulfilling', 'ready', null],
    ['cancelling', 'ready', null],
    ['on_hold', 'pending', null],
    ['delivered', 'cancelled', null],
    ['cancelled', 'shipped', null],
    ['returned', 'cancelled', null],
  ])('%s → %s gives %j', (from, to, expected) => {
    expect(forwardPath(from, to)).toEqual(expected);
  });
});

describe('validateOrderStateMachine', () => {
  it('accepts the real table and action rules', () => {
    expect(() => validateOrderStateMachine()).not.toThrow();
  });

  it('fails when a state becomes unreachable from pending', () => {
    const withoutReturning = ORDER_TRANSITIONS.filter((t) => t.to !== 'returning');
    expect(() => validateOrderStateMachine(withoutReturning)).toThrow(/State "returning" is unreachable/);
  });

  it('fails when a transition names an unknown state', () => {
    const bad = [...ORDER_TRANSITIONS, { from: 'shipped' as OrderStatus, to: 'lost' as OrderStatus }];
    expect(() => validateOrderStateMachine(bad)).toThrow(/unknown state "lost"/);
  });

  it('fails when an action moves along a non-edge', () => {
    const rules = { ...ACTION_RULES, reject: { from: ['fulfilling'] as OrderStatus[], to: 'rejected' as OrderStatus } };
    expect(() => validateOrderStateMachine(ORDER_TRANSITIONS, rules)).toThrow(InvalidStateMachineError);
    expect(() => validateOrderStateMachine(ORDER_TRANSITIONS, rules)).toThrow(/"reject" moves fulfilling → rejected/);
  });
});
