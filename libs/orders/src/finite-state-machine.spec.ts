import { FiniteStateMachine, InvalidStateMachineError } from './finite-state-machine';
import { IllegalTransitionError } from './order-errors';

type Light = 'red' | 'green' | 'amber' | 'off';
const LIGHTS: Light[] = ['red', 'green', 'amber'];
const CYCLE = [
  { from: 'red', to: 'green' },
  { from: 'green', to: 'amber' },
  { from: 'amber', to: 'red' },
] as const;

describe('FiniteStateMachine', () => {
  const fsm = new FiniteStateMachine<Light>(LIGHTS, CYCLE);

  it('answers canTransition and nextStates from the list', () => {
    expect(fsm.canTransition('red', 'green')).toBe(true);
    expect(fsm.canTransition('green', 'red')).toBe(false);
    expect(fsm.nextStates('green')).toEqual(['amber']);
  });

  it('assertTransition throws IllegalTransitionError with from/to by default', () => {
    expect(() => fsm.assertTransition('red', 'green')).not.toThrow();
    const error = catchError(() => fsm.assertTransition('red', 'amber'));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error).toMatchObject({ code: 'illegal_transition', from: 'red', to: 'amber', allowedActions: [] });
  });

  it('uses the onIllegal factory when given', () => {
    const custom = new FiniteStateMachine<Light>(LIGHTS, CYCLE, { onIllegal: (f, t) => new Error(`${f}>${t}`) });
    expect(() => custom.assertTransition('red', 'amber')).toThrow('red>amber');
  });

  it('validate passes on a sound table', () => {
    expect(() => fsm.validate('red')).not.toThrow();
  });

  it('validate names a state the transitions use but the state list lacks', () => {
    const bad = new FiniteStateMachine<Light>(LIGHTS, [...CYCLE, { from: 'amber', to: 'off' }]);
    expect(() => bad.validate('red')).toThrow(InvalidStateMachineError);
    expect(() => bad.validate('red')).toThrow(/unknown state "off"/);
  });

  it('validate names a state that cannot be reached from the initial state', () => {
    const bad = new FiniteStateMachine<Light>([...LIGHTS, 'off'], CYCLE);
    expect(() => bad.validate('red')).toThrow(/State "off" is unreachable/);
    // Declaring it as an extra initial state makes it reachable.
    expect(() => bad.validate(['red', 'off'])).not.toThrow();
  });

  it('validate rejects an unknown initial state', () => {
    expect(() => fsm.validate('off')).toThrow(/Initial state "off"/);
  });
});

function catchError(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
