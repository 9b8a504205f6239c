import { RemoteAuthUnavailableError, RemoteNotFoundError, RemoteRefusedError, RemoteTransientError } from '@app/adapters';

/**
 * What a step's failure says about its system: `down` (no answer, a 5xx, a
 * timeout: the system, not the command, is at fault), `up` (it answered —
 * a refusal, a 404, a 429 are answers), or `none` (the failure never reached
 * it: Redis, a lost race, an order that no longer fits, a bug). A 429 has
 * its own wait (RateLimitWait) and a refused OAuth grant its own hold
 * (docs/api-decisions.md OA-7): neither opens a circuit.
 */
export type CircuitEvidence = 'down' | 'up' | 'none';

export function circuitEvidence(error: unknown): CircuitEvidence {
  if (error instanceof RemoteAuthUnavailableError) return 'none';
  if (error instanceof RemoteTransientError) return error.httpStatus === null || error.httpStatus === 408 || error.httpStatus >= 500 ? 'down' : 'up';
  if (error instanceof RemoteRefusedError || error instanceof RemoteNotFoundError) return 'up';
  return 'none';
}

/**
 * The reason an open circuit shows in `/health/ready` and the log: the status
 * the system answered, or the transport error code — never the remote's
 * message or a URL, which could carry a token.
 */
export function circuitReason(error: unknown): string {
  if (!(error instanceof RemoteTransientError)) return 'transient failure';
  if (error.httpStatus !== null) return `${error.system} answered ${error.httpStatus}`;
  const code = /unreachable: ([A-Z][A-Z_]+)$/.exec(error.message)?.[1];
  return `${error.system} unreachable${code ? ` (${code})` : ''}`;
}
