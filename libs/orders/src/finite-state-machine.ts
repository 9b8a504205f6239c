import { IllegalTransitionError } from './order-errors';

export interface Transition<S extends string> {
  from: S;
  to: S;
}

/** The transition table itself is wrong: raised at boot, never at run time. */
export class InvalidStateMachineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStateMachineError';
  }
}

export interface FiniteStateMachineOptions<S extends string> {
  /** Builds the error for an illegal move; lets a caller attach context (allowed actions). */
  onIllegal?: (from: S, to: S) => Error;
}

/**
 * A small generic FSM over a transition list (after Vendure's
 * `finite-state-machine.ts`). It holds no current state: orders are stored
 * rows, so the machine only answers questions about moves.
 */
export class FiniteStateMachine<S extends string> {
  private readonly edges = new Map<S, S[]>();
  private readonly onIllegal: (from: S, to: S) => Error;

  constructor(
    readonly states: readonly S[],
    readonly transitions: readonly Transition<S>[],
    options: FiniteStateMachineOptions<S> = {},
  ) {
    for (const state of states) this.edges.set(state, []);
    for (const { from, to } of transitions) {
      // Unknown states are kept (under their own key) so validate() can name them.
      const next = this.edges.get(from) ?? [];
      if (!next.includes(to)) next.push(to);
      this.edges.set(from, next);
    }
    this.onIllegal = options.onIllegal ?? ((from, to) => new IllegalTransitionError<S>(from, to, []));
  }

  canTransition(from: S, to: S): boolean {
    return this.edges.get(from)?.includes(to) ?? false;
  }

  /** States reachable in one move, in table order. */
  nextStates(from: S): S[] {
    return [...(this.edges.get(from) ?? [])];
  }

  assertTransition(from: S, to: S): void {
    if (!this.canTransition(from, to)) throw this.onIllegal(from, to);
  }

  /**
   * Boot check: every state named by a transition is declared, and every
   * declared state can be reached from the initial state(s). A typo in the
   * table or an orphaned state fails start-up instead of a request.
   */
  validate(initial: S | readonly S[]): void {
    const starts: readonly S[] = typeof initial === 'string' ? [initial as S] : (initial as readonly S[]);
    const known = new Set<S>(this.states);
    for (const state of starts) {
      if (!known.has(state)) throw new InvalidStateMachineError(`Initial state "${state}" is not a known state`);
    }
    for (const { from, to } of this.transitions) {
      for (const state of [from, to]) {
        if (!known.has(state)) {
          throw new InvalidStateMachineError(`Transition ${from} → ${to} names unknown state "${state}"`);
        }
      }
    }
    const reached = new Set<S>(starts);
    const queue = [...starts];
    while (queue.length > 0) {
      const state = queue.shift() as S;
      for (const next of this.nextStates(state)) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    for (const state of this.states) {
      if (!reached.has(state)) {
        throw new InvalidStateMachineError(`State "${state}" is unreachable from ${starts.join(', ')}`);
      }
    }
  }
}
