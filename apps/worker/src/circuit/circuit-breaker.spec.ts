import { noteRemoteAnswer, RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { GatewayConfig } from '@app/config';
import { CircuitBreaker } from './circuit-breaker';
import { circuitEvidence, circuitReason } from './circuit-evidence';
import { MemoryCircuitStore } from './testing/memory-circuit.store';

const config = { circuit: { failureThreshold: 2, openMs: 500, maxOpenMs: 2_000 } } as GatewayConfig;
const unavailable = new RemoteTransientError('joom', 'joom answered 503: down for maintenance', 503, null);
const refused = new RemoteRefusedError('joom', 'joom refused (400): bad tracking', 400, null);

function breaker() {
  const store = new MemoryCircuitStore();
  return { store, circuit: new CircuitBreaker(store.asStore(), config) };
}

describe('CircuitBreaker', () => {
  afterEach(() => jest.useRealTimers());

  it('lets steps run and retry as usual below the threshold, then holds the failing step and every later one', async () => {
    const { circuit } = breaker();
    expect(await circuit.admit('joom', 'a')).toEqual({ kind: 'run', probe: null });
    expect(await circuit.failed('joom', unavailable, null)).toBeNull();
    const held = await circuit.failed('joom', unavailable, null);
    expect(held).toBeGreaterThan(400);
    expect(held).toBeLessThanOrEqual(500);
    expect(await circuit.admit('joom', 'b')).toEqual({ kind: 'hold', waitMs: expect.any(Number) });
    // Another system's queue is not held.
    expect(await circuit.admit('akinon', 'c')).toEqual({ kind: 'run', probe: null });
  });

  it('after the hold lets exactly one step probe; its success closes the circuit for all', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const { circuit, store } = breaker();
    await circuit.failed('joom', unavailable, null);
    await circuit.failed('joom', unavailable, null);
    jest.setSystemTime(1_000_600);
    const probe = await circuit.admit('joom', 'p');
    expect(probe).toEqual({ kind: 'run', probe: expect.any(String) });
    expect((await store.read('joom')).state.status).toBe('half-open');
    expect(await circuit.admit('joom', 'q')).toEqual({ kind: 'hold', waitMs: 500 });
    await circuit.answered('joom', (probe as { probe: string }).probe);
    expect((await store.read('joom')).state).toMatchObject({ status: 'closed', failures: 0, openings: 1 });
    expect(store.probes.size).toBe(0);
    expect(await circuit.admit('joom', 'r')).toEqual({ kind: 'run', probe: null });
  });

  it('re-opens on a failed probe for longer, and holds the probe itself without using an attempt', async () => {
    jest.useFakeTimers({ now: 2_000_000 });
    const { circuit, store } = breaker();
    await circuit.failed('joom', unavailable, null);
    await circuit.failed('joom', unavailable, null);
    jest.setSystemTime(2_000_600);
    const { probe } = (await circuit.admit('joom', 'p')) as { probe: string };
    const held = await circuit.failed('joom', new RemoteTransientError('joom', 'joom unreachable: ECONNREFUSED', null, null), probe);
    expect(held).toBeGreaterThan(900);
    expect(held).toBeLessThanOrEqual(1_000);
    expect((await store.read('joom')).state).toMatchObject({ status: 'open', failedProbes: 1, since: 2_000_000, reason: 'joom unreachable (ECONNREFUSED)', openings: 1 });
    expect(store.probes.size).toBe(0);
  });

  it('counts a refusal as an answer: it closes the circuit and the step fails as usual', async () => {
    const { circuit, store } = breaker();
    await circuit.failed('joom', unavailable, null);
    expect(await circuit.failed('joom', refused, null)).toBeNull();
    expect((await store.read('joom')).state.failures).toBe(0);
    expect(await circuit.failed('joom', unavailable, null)).toBeNull();
  });

  it('does not count a failure while the system answers other calls of this process: a flaky system is not a down one', async () => {
    const { circuit, store } = breaker();
    const startedAt = Date.now();
    expect(await circuit.failed('flexport', unavailable, null, startedAt)).toBeNull();
    expect((await store.read('flexport')).state.failures).toBe(1);
    noteRemoteAnswer('flexport', 400, startedAt + 2);
    expect(await circuit.failed('flexport', unavailable, null, startedAt)).toBeNull();
    expect((await store.read('flexport')).state).toMatchObject({ status: 'closed', failures: 0 });
    // A 5xx is no answer, and an answer before the step started says nothing about it.
    noteRemoteAnswer('flexport', 503, startedAt + 3);
    expect(await circuit.failed('flexport', unavailable, null, startedAt + 3)).toBeNull();
    expect(await circuit.failed('flexport', unavailable, null, startedAt + 3)).toBeGreaterThan(0);
  });

  it('while closed, reads Redis once per 100 ms window for all the steps that run and answer in it', async () => {
    jest.useFakeTimers({ now: 3_000_000 });
    const { circuit, store } = breaker();
    const read = jest.spyOn(store, 'read');
    for (let step = 0; step < 50; step++) {
      expect(await circuit.admit('joom', `s${step}`)).toEqual({ kind: 'run', probe: null });
      await circuit.answered('joom', null);
    }
    expect(read).toHaveBeenCalledTimes(1);
    jest.setSystemTime(3_000_100);
    await circuit.admit('joom', 'later');
    expect(read).toHaveBeenCalledTimes(2);
    // Other systems have their own state.
    await circuit.admit('akinon', 'a');
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('shares the state between workers: one sees the circuit another opened within 100 ms, and holds at once on its own failure', async () => {
    jest.useFakeTimers({ now: 4_000_000 });
    const store = new MemoryCircuitStore();
    const [a, b] = [new CircuitBreaker(store.asStore(), config), new CircuitBreaker(store.asStore(), config)];
    expect(await b.admit('joom', 'b1')).toEqual({ kind: 'run', probe: null });
    await a.failed('joom', unavailable, null);
    expect(await a.failed('joom', unavailable, null)).toBeGreaterThan(0);
    // b's closed state is 50 ms old: its step runs, fails, and learns the circuit is open from that failure's write.
    jest.setSystemTime(4_000_050);
    expect(await b.admit('joom', 'b2')).toEqual({ kind: 'run', probe: null });
    expect(await b.failed('joom', unavailable, null)).toBeGreaterThan(0);
    expect(await b.admit('joom', 'b3')).toEqual({ kind: 'hold', waitMs: expect.any(Number) });
    // A third worker that only admits sees it once its window has passed.
    const c = new CircuitBreaker(store.asStore(), config);
    await store.write('joom', (await store.read('joom')).version, { ...(await store.read('joom')).state, status: 'closed', failures: 0 });
    expect(await c.admit('joom', 'c1')).toEqual({ kind: 'run', probe: null });
    await a.admit('joom', 'a-read'); // a reads the closed state
    await a.failed('joom', unavailable, null);
    await a.failed('joom', unavailable, null);
    expect(await c.admit('joom', 'c2')).toEqual({ kind: 'run', probe: null });
    jest.setSystemTime(4_000_150);
    expect(await c.admit('joom', 'c3')).toEqual({ kind: 'hold', waitMs: expect.any(Number) });
  });

  it('resets failures another worker counted once it knows of them, and its own at once', async () => {
    jest.useFakeTimers({ now: 5_000_000 });
    const store = new MemoryCircuitStore();
    const [a, b] = [new CircuitBreaker(store.asStore(), config), new CircuitBreaker(store.asStore(), config)];
    await b.admit('joom', 'b1');
    await a.failed('joom', unavailable, null);
    // Its own count: the next answer of a resets it.
    await a.answered('joom', null);
    expect((await store.read('joom')).state.failures).toBe(0);
    await a.failed('joom', unavailable, null);
    jest.setSystemTime(5_000_100);
    await b.admit('joom', 'b2');
    await b.answered('joom', null);
    expect((await store.read('joom')).state.failures).toBe(0);
    // So two failures with an answer between them never open it, whichever workers they come from.
    expect(await a.failed('joom', unavailable, null)).toBeNull();
    expect((await store.read('joom')).state.status).toBe('closed');
  });

  it('never holds a step on a circuit it cannot read', async () => {
    const { circuit, store } = breaker();
    store.read = async () => {
      throw new Error('connection closed');
    };
    expect(await circuit.admit('joom', 'a')).toEqual({ kind: 'run', probe: null });
    expect(await circuit.failed('joom', unavailable, null)).toBeNull();
  });
});

describe('circuit evidence', () => {
  it('counts no answer, timeouts and 5xx as down; answers, 429s included, as up; the rest as nothing', () => {
    expect(circuitEvidence(unavailable)).toBe('down');
    expect(circuitEvidence(new RemoteTransientError('akinon', 'akinon unreachable: ECONNRESET', null, null))).toBe('down');
    expect(circuitEvidence(new RemoteTransientError('akinon', 'akinon answered 408: slow', 408, null))).toBe('down');
    expect(circuitEvidence(new RemoteTransientError('joom', 'joom answered 429', 429, 1000))).toBe('up');
    expect(circuitEvidence(refused)).toBe('up');
    expect(circuitEvidence(new Error('lost race'))).toBe('none');
  });

  it('names the status or the transport code, never the remote message or a URL', () => {
    expect(circuitReason(unavailable)).toBe('joom answered 503');
    expect(circuitReason(new RemoteTransientError('flexport', 'flexport unreachable: connect ECONNREFUSED http://user:secret@host', null, null))).toBe('flexport unreachable');
    expect(circuitReason(new RemoteTransientError('akinon', 'akinon unreachable: ECONNABORTED', null, null))).toBe('akinon unreachable (ECONNABORTED)');
  });
});
