import type { CircuitBreakerSettings } from '@app/config';

/**
 * A system's circuit: `closed` while it answers; `open` after enough
 * consecutive transient failures — its steps wait, no attempt used;
 * `half-open` while one step probes it after the hold.
 */
export type CircuitStatus = 'closed' | 'open' | 'half-open';

export interface CircuitState {
  status: CircuitStatus;
  /** Consecutive transient failures counted while closed. */
  failures: number;
  /** When the circuit left `closed` (epoch ms); null while closed. */
  since: number | null;
  /** While open: when a step may probe the system (epoch ms). */
  retryAt: number | null;
  /** What the failure that opened the circuit (or its last failed probe) was, without secrets. */
  reason: string | null;
  /** Probes that failed since the circuit opened: each doubles the hold, up to the cap. */
  failedProbes: number;
  /** closed → open transitions ever (`gateway_circuit_openings_total`). */
  openings: number;
}

export const CLOSED_CIRCUIT: CircuitState = { status: 'closed', failures: 0, since: null, retryAt: null, reason: null, failedProbes: 0, openings: 0 };

/** What a step may do now: run, try to become the probe, or wait `waitMs` without using an attempt. */
export type CircuitAdmission = { kind: 'run' } | { kind: 'try_probe' } | { kind: 'hold'; waitMs: number };

/** A state change worth a log line and a readiness entry; null when nothing changed but counters. */
export type CircuitChange = 'opened' | 'reopened' | 'closed' | null;

/** The next state, or null when nothing needs writing. */
export interface CircuitTransition {
  next: CircuitState | null;
  change: CircuitChange;
}

export function admission(state: CircuitState, now: number): CircuitAdmission {
  if (state.status === 'closed') return { kind: 'run' };
  if (state.status === 'open' && state.retryAt !== null && now < state.retryAt) return { kind: 'hold', waitMs: state.retryAt - now };
  return { kind: 'try_probe' };
}

/** How long the queue waits in `state` (null: closed, the step retries as usual); `probeWaitMs` while a probe runs. */
export function holdOf(state: CircuitState, now: number, probeWaitMs: number): number | null {
  if (state.status === 'closed') return null;
  if (state.status === 'open' && state.retryAt !== null && now < state.retryAt) return state.retryAt - now;
  return probeWaitMs;
}

/** The hold after `failedProbes` failed probes: openMs doubled each time up to maxOpenMs, less up to a tenth of jitter so workers do not return together. */
export function holdMs(failedProbes: number, settings: CircuitBreakerSettings, random: () => number = Math.random): number {
  const base = Math.min(settings.openMs * 2 ** Math.min(failedProbes, 30), settings.maxOpenMs);
  return Math.max(1, Math.round(base - base * 0.1 * random()));
}

/** A step of the system failed with a transient error (no answer, 5xx, timeout). */
export function afterFailure(state: CircuitState, event: { now: number; reason: string; probe: boolean }, settings: CircuitBreakerSettings, random: () => number = Math.random): CircuitTransition {
  const { now, reason, probe } = event;
  if (state.status === 'closed') {
    const failures = state.failures + 1;
    if (failures < settings.failureThreshold) return { next: { ...state, failures }, change: null };
    return {
      next: { ...state, status: 'open', failures, since: now, retryAt: now + holdMs(0, settings, random), reason, failedProbes: 0, openings: state.openings + 1 },
      change: 'opened',
    };
  }
  // Only the probe's failure says the system is still down; steps that began before the circuit opened change nothing.
  if (state.status === 'half-open' && probe) {
    const failedProbes = state.failedProbes + 1;
    return { next: { ...state, status: 'open', retryAt: now + holdMs(failedProbes, settings, random), reason, failedProbes }, change: 'reopened' };
  }
  return { next: null, change: null };
}

/** The system answered (a success, or a refusal that is the command's fault): the circuit closes and the count starts again. */
export function afterAnswer(state: CircuitState): CircuitTransition {
  if (state.status === 'closed') return { next: state.failures === 0 ? null : { ...state, failures: 0 }, change: null };
  return { next: { ...CLOSED_CIRCUIT, openings: state.openings }, change: 'closed' };
}

/** The probe's lock was taken: the circuit shows `half-open` until the probe ends. */
export function probing(state: CircuitState): CircuitTransition {
  return state.status === 'open' ? { next: { ...state, status: 'half-open', retryAt: null }, change: null } : { next: null, change: null };
}
