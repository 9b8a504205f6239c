import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { remoteAnsweredSince, RemoteSystem } from '@app/adapters';
import { CircuitBreakerSettings, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { admission, afterAnswer, afterFailure, CircuitState, CircuitStore, CircuitSystem, CircuitTransition, holdOf, probing, VersionedCircuit } from '@app/store';
import { circuitEvidence, circuitReason } from './circuit-evidence';

const DEFAULT_SETTINGS: CircuitBreakerSettings = { failureThreshold: 5, openMs: 30_000, maxOpenMs: 60_000 };
/**
 * How long the probe's lock lives: beyond any one step (a few calls of at
 * most 10 s each), so it only expires for a probe whose worker died — and
 * then the next step probes.
 */
const PROBE_LOCK_MS = 60_000;
/** While a probe runs, other steps of the system wait this long (at most the hold), then look again. */
const PROBE_WAIT_MS = 1_000;
/** Compare-and-set rounds before a step gives up changing the state (it then just retries as usual). */
const MAX_ROUNDS = 8;
/**
 * How long a closed state this process read or wrote stands in for Redis:
 * within it a step is admitted, and an answer with no failure to reset is
 * done, without a round trip (two HGETALLs a step were ~4 % of the worker's
 * CPU per command). Another worker's opening, or a failure it counted, is
 * seen at most this much later; this process's own failures always go to
 * Redis, and any state but closed is read every time.
 */
const KNOWN_CLOSED_MS = 100;

/** What a step may do: run (as the probe, holding `probe`), or wait `waitMs` without using an attempt. */
export type Admission = { kind: 'run'; probe: string | null } | { kind: 'hold'; waitMs: number };

/**
 * The per-system circuit of the step queues, in Redis so every worker shares
 * it. CIRCUIT_FAILURE_THRESHOLD consecutive transient failures (no answer,
 * 5xx, timeout) open it: the system's steps then wait (StepProcessor puts
 * them back with `worker.rateLimit` + RateLimitError, using no attempt) for
 * CIRCUIT_OPEN_MS; then one step probes it (half-open, a SET NX lock). The
 * probe's success — or any answer — closes it; the probe's transient failure
 * opens it again for twice as long, up to CIRCUIT_MAX_OPEN_MS. A Redis error
 * here never holds a step: it runs and retries as without a breaker. While
 * the circuit is closed the state last seen stands for KNOWN_CLOSED_MS.
 */
@Injectable()
export class CircuitBreaker {
  private readonly logger = new Logger(CircuitBreaker.name);
  private readonly settings: CircuitBreakerSettings;
  private readonly probeWaitMs: number;
  /** Names this process in probe tokens. */
  private readonly instance = randomUUID();
  /** Each system's state as this process last read or wrote it, and when. */
  private readonly known = new Map<CircuitSystem, { state: CircuitState; at: number }>();

  constructor(
    private readonly store: CircuitStore,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.settings = config.circuit ?? DEFAULT_SETTINGS;
    this.probeWaitMs = Math.min(PROBE_WAIT_MS, this.settings.openMs);
  }

  /** Before a step of `system` runs. */
  async admit(system: CircuitSystem, jobId: string): Promise<Admission> {
    if (this.closedKnown(system)) return { kind: 'run', probe: null };
    try {
      const { state } = await this.read(system);
      const verdict = admission(state, Date.now());
      if (verdict.kind === 'run') return { kind: 'run', probe: null };
      if (verdict.kind === 'hold') return verdict;
      const token = `${this.instance}:${jobId}`;
      if (!(await this.store.takeProbe(system, token, PROBE_LOCK_MS))) return { kind: 'hold', waitMs: this.probeWaitMs };
      await this.update(system, probing);
      return { kind: 'run', probe: token };
    } catch (error) {
      this.logger.warn(`${system} circuit not readable, the step runs: ${(error as Error).message}`);
      return { kind: 'run', probe: null };
    }
  }

  /** The step went through with a call to the system. */
  async answered(system: CircuitSystem, probe: string | null): Promise<void> {
    if (!probe && this.closedKnown(system)?.failures === 0) return;
    await this.guard(system, async () => {
      this.report(system, await this.update(system, afterAnswer));
      if (probe) await this.store.releaseProbe(system, probe);
    });
  }

  /**
   * The step (started at `startedAt`) failed with `error`: counts it when it
   * says the system is down (or up). Returns how long the queue must wait
   * when the circuit is open now — the step then goes back to waiting
   * without using an attempt — or null to treat the failure as usual.
   */
  async failed(system: CircuitSystem, error: unknown, probe: string | null, startedAt = Date.now()): Promise<number | null> {
    const kind = circuitEvidence(error);
    // The system answered other calls meanwhile (this step's earlier ones, other steps'): it is up, only this call failed.
    // Per system, not per account: another store's answer counts too, a small blind spot beside a circuit per store (AC-3).
    const evidence = kind === 'down' && remoteAnsweredSince(system.split('.')[0] as RemoteSystem, startedAt) ? 'up' : kind;
    if (evidence === 'up') await this.answered(system, probe);
    if (evidence !== 'down') return null;
    return this.guard(system, async () => {
      const now = Date.now();
      const reason = circuitReason(error);
      const result = await this.update(system, (state) => afterFailure(state, { now, reason, probe: probe !== null }, this.settings));
      this.report(system, result);
      if (probe) await this.store.releaseProbe(system, probe);
      return result.state ? holdOf(result.state, Date.now(), this.probeWaitMs) : null;
    });
  }

  /** A probe that ended without a word from the system (nothing to call, a Redis error): the next step probes instead. */
  async release(system: CircuitSystem, probe: string | null): Promise<void> {
    if (probe) await this.guard(system, () => this.store.releaseProbe(system, probe));
  }

  /** Reads, applies `transition`, writes with a compare-and-set; the state now (null when no round won). */
  private async update(system: CircuitSystem, transition: (state: CircuitState) => CircuitTransition): Promise<{ state: CircuitState | null; change: CircuitTransition['change'] }> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { state, version } = await this.read(system);
      const { next, change } = transition(state);
      if (!next) return { state, change: null };
      if (await this.store.write(system, version, next)) {
        this.known.set(system, { state: next, at: Date.now() });
        return { state: next, change };
      }
    }
    return { state: null, change: null };
  }

  private async read(system: CircuitSystem): Promise<VersionedCircuit> {
    const at = Date.now();
    const read = await this.store.read(system);
    this.known.set(system, { state: read.state, at });
    return read;
  }

  /** The closed state this process saw within KNOWN_CLOSED_MS, or null (another state, or too old: read Redis). */
  private closedKnown(system: CircuitSystem): CircuitState | null {
    const known = this.known.get(system);
    return known && known.state.status === 'closed' && Date.now() - known.at < KNOWN_CLOSED_MS ? known.state : null;
  }

  /** One warning when a circuit opens and one line when it closes, from the worker whose write changed it. */
  private report(system: CircuitSystem, { state, change }: { state: CircuitState | null; change: CircuitTransition['change'] }): void {
    if (!state || !change) return;
    if (change === 'opened') {
      this.logger.warn(`${system} circuit open after ${state.failures} consecutive transient failures (${state.reason}): its steps wait ${state.retryAt! - Date.now()} ms, then one probes`);
    } else if (change === 'reopened') {
      this.logger.debug(`${system} circuit probe failed (${state.reason}): open ${state.retryAt! - Date.now()} ms more`);
    } else {
      this.logger.log(`${system} circuit closed: it answers again`);
    }
  }

  private async guard<T>(system: CircuitSystem, operation: () => Promise<T>): Promise<T | null> {
    try {
      return await operation();
    } catch (error) {
      this.logger.warn(`${system} circuit not updated: ${(error as Error).message}`);
      return null;
    }
  }
}
