import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one unit of work (a worker's step attempt) learnt about the remote
 * request ids of its calls. `requestId` is the id the last call to a system
 * that documents one was answered with: undefined while no such call was
 * made, null when that call got no answer or an answer without the id.
 *
 * The last call, not a list: a step's outcome is decided by its last call —
 * a failure throws at the call that failed, a success ends with the call
 * that made the effect — so that is the one to quote to the vendor. Earlier
 * calls of the same step are reads (Flexport's find before a create), and a
 * single string keeps the log field one shape to search for.
 */
export interface RemoteRequestScope {
  requestId?: string | null;
}

const scopes = new AsyncLocalStorage<RemoteRequestScope>();

/** Runs `work` in a fresh scope, which the HTTP clients' calls made inside it (awaited or not) record into. */
export function withRemoteRequestScope<T>(work: (scope: RemoteRequestScope) => T): T {
  const scope: RemoteRequestScope = {};
  return scopes.run(scope, work, scope);
}

/** A call of the current scope was answered with `requestId` (null: no answer, or none in it); outside a scope, nothing. */
export function noteRemoteRequestId(requestId: string | null): void {
  const scope = scopes.getStore();
  if (scope) scope.requestId = requestId;
}

/** The value of a response header that carries a request id: a non-empty string, else null. */
export function requestIdHeader(headers: unknown, name: string): string | null {
  const value = (headers as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : null;
}
