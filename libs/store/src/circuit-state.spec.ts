import { admission, afterAnswer, afterFailure, CircuitState, CLOSED_CIRCUIT, holdMs, holdOf, probing } from './circuit-state';
import { parseCircuit, serializeCircuit } from './circuit.store';

const settings = { failureThreshold: 3, openMs: 1_000, maxOpenMs: 5_000 };
const noJitter = () => 0;
const down = (state: CircuitState, now: number, probe = false) => afterFailure(state, { now, reason: 'joom answered 503', probe }, settings, noJitter);

describe('circuit state', () => {
  it('counts consecutive transient failures and opens at the threshold, once', () => {
    const one = down(CLOSED_CIRCUIT, 100);
    const two = down(one.next!, 200);
    expect([one.change, two.change, two.next!.status, two.next!.failures]).toEqual([null, null, 'closed', 2]);
    const three = down(two.next!, 300);
    expect(three).toEqual({
      next: { status: 'open', failures: 3, since: 300, retryAt: 1_300, reason: 'joom answered 503', failedProbes: 0, openings: 1 },
      change: 'opened',
    });
    // Steps that started before it opened fail later: nothing changes, no second opening.
    expect(down(three.next!, 400)).toEqual({ next: null, change: null });
  });

  it('starts the count again when the system answers between failures', () => {
    const two = down(down(CLOSED_CIRCUIT, 1).next!, 2).next!;
    const reset = afterAnswer(two);
    expect(reset).toEqual({ next: { ...two, failures: 0 }, change: null });
    expect(down(down(reset.next!, 3).next!, 4).next!.status).toBe('closed');
    // Nothing to write for a closed circuit with nothing counted: no Redis write per successful step.
    expect(afterAnswer(CLOSED_CIRCUIT)).toEqual({ next: null, change: null });
  });

  it('holds steps until the hold ends, then lets one try to probe', () => {
    const open = down(down(down(CLOSED_CIRCUIT, 0).next!, 0).next!, 0).next!;
    expect(admission(CLOSED_CIRCUIT, 0)).toEqual({ kind: 'run' });
    expect(admission(open, 400)).toEqual({ kind: 'hold', waitMs: 600 });
    expect(admission(open, 1_000)).toEqual({ kind: 'try_probe' });
    const halfOpen = probing(open).next!;
    expect([halfOpen.status, halfOpen.since, halfOpen.retryAt]).toEqual(['half-open', 0, null]);
    expect(admission(halfOpen, 1_100)).toEqual({ kind: 'try_probe' });
    expect(holdOf(halfOpen, 1_100, 250)).toBe(250);
    expect(holdOf(open, 400, 250)).toBe(600);
    expect(holdOf(CLOSED_CIRCUIT, 400, 250)).toBeNull();
  });

  it('re-opens on a failed probe for twice as long each time, up to the cap; other failures while half-open change nothing', () => {
    let state = probing(down(down(down(CLOSED_CIRCUIT, 0).next!, 0).next!, 0).next!).next!;
    expect(down(state, 1_000, false)).toEqual({ next: null, change: null });
    const holds: number[] = [];
    for (let probe = 1; probe <= 4; probe++) {
      const failed = down(state, 10_000 * probe, true);
      expect(failed.change).toBe('reopened');
      holds.push(failed.next!.retryAt! - 10_000 * probe);
      state = probing(failed.next!).next!;
    }
    expect(holds).toEqual([2_000, 4_000, 5_000, 5_000]);
    expect([state.since, state.openings, state.failedProbes]).toEqual([0, 1, 4]);
  });

  it('closes on any answer, open or half-open, keeping the openings count', () => {
    const open = down(down(down(CLOSED_CIRCUIT, 0).next!, 0).next!, 0).next!;
    expect(afterAnswer(open)).toEqual({ next: { ...CLOSED_CIRCUIT, openings: 1 }, change: 'closed' });
    expect(afterAnswer(probing(open).next!).change).toBe('closed');
  });

  it('jitters the hold down by at most a tenth, never past the cap', () => {
    expect(holdMs(0, settings, () => 0)).toBe(1_000);
    expect(holdMs(0, settings, () => 0.999)).toBe(900);
    expect(holdMs(50, settings, () => 0)).toBe(5_000);
  });

  it('reads back what it writes, and reads a missing or damaged hash as closed', () => {
    const open = down(down(down(CLOSED_CIRCUIT, 5).next!, 6).next!, 7).next!;
    expect(parseCircuit(serializeCircuit(open))).toEqual(open);
    expect(parseCircuit(serializeCircuit(probing(open).next!))).toEqual(probing(open).next!);
    expect(parseCircuit({})).toEqual(CLOSED_CIRCUIT);
    expect(parseCircuit({ status: 'melted', failures: '-4', openings: 'x' })).toEqual(CLOSED_CIRCUIT);
  });
});
