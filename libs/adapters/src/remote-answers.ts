import { RemoteSystem } from './remote-errors';

/**
 * When each system last answered a call of this process (any HTTP status
 * but 408 and 5xx). A step of a multi-call command (Akinon rejects item by
 * item) can fail after the system answered its other calls, or while other
 * steps get answers: the system is up then, and its circuit must not open
 * (apps/worker/src/circuit). Only a system that answers nothing is down.
 */
const lastAnswerAt = new Map<RemoteSystem, number>();

/** How one call to a system ended, as the metrics count it. */
export type RemoteCallClass = '2xx' | '3xx' | '4xx' | '429' | '5xx' | 'no_answer';
/** `account`: the store or seller account whose credentials made the call (docs/api-decisions.md AC-1); Flexport's is `main`. */
type RemoteCallListener = (system: RemoteSystem, outcome: RemoteCallClass, account: string) => void;
/** The account the environment's single-account settings configure (AC-1), for a client created without one. */
const ENVIRONMENT_ACCOUNT = 'main';
const listeners = new Set<RemoteCallListener>();

/** Calls `listener` for every call of this process to a system (the worker's metrics count them); returns the unsubscribe. */
export function observeRemoteCalls(listener: RemoteCallListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function noteRemoteAnswer(system: RemoteSystem, status: number, at = Date.now(), account = ENVIRONMENT_ACCOUNT): void {
  if (status !== 408 && status < 500) lastAnswerAt.set(system, at);
  if (listeners.size > 0) {
    const outcome = status === 429 ? '429' : status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx';
    for (const listener of listeners) listener(system, outcome, account);
  }
}

/** A call that got no HTTP answer: a timeout, a refused or reset connection. */
export function noteRemoteNoAnswer(system: RemoteSystem, account = ENVIRONMENT_ACCOUNT): void {
  for (const listener of listeners) listener(system, 'no_answer', account);
}

/** Whether `system` answered a call of this process at or after `since` (epoch ms). */
export function remoteAnsweredSince(system: RemoteSystem, since: number): boolean {
  return (lastAnswerAt.get(system) ?? -Infinity) >= since;
}
