import { RemoteSystem } from './remote-errors';

/**
 * When each system last answered a call of this process (any HTTP status
 * but 408 and 5xx). A step of a multi-call command (Akinon rejects item by
 * item) can fail after the system answered its other calls, or while other
 * steps get answers: the system is up then, and its circuit must not open
 * (apps/worker/src/circuit). Only a system that answers nothing is down.
 */
const lastAnswerAt = new Map<RemoteSystem, number>();

export function noteRemoteAnswer(system: RemoteSystem, status: number, at = Date.now()): void {
  if (status !== 408 && status < 500) lastAnswerAt.set(system, at);
}

/** Whether `system` answered a call of this process at or after `since` (epoch ms). */
export function remoteAnsweredSince(system: RemoteSystem, since: number): boolean {
  return (lastAnswerAt.get(system) ?? -Infinity) >= since;
}
