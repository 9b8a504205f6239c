import { DomainError } from '@app/orders';

/** The external systems the gateway talks to. */
export type RemoteSystem = 'joom' | 'akinon' | 'flexport';

/**
 * Worth retrying later: 5xx, 429, timeouts, connection resets. `retryAfterMs`
 * is what the system asked for (Retry-After / X-Rate-Limit-Reset), when it did.
 */
export class RemoteTransientError extends DomainError {
  readonly code: 'marketplace_rate_limited' | 'remote_unavailable';

  constructor(
    readonly system: RemoteSystem,
    message: string,
    readonly httpStatus: number | null,
    readonly retryAfterMs: number | null,
  ) {
    super(message, { system, httpStatus, retryAfterMs });
    this.code = httpStatus === 429 ? 'marketplace_rate_limited' : 'remote_unavailable';
  }
}

/**
 * Will fail the same way again: validation, auth, state refusals. Keeps the
 * system's own code and message so operators see what the marketplace said.
 */
export class RemoteRefusedError extends DomainError {
  readonly code = 'remote_refused';

  constructor(
    readonly system: RemoteSystem,
    message: string,
    readonly httpStatus: number | null,
    readonly remoteCode: string | null,
  ) {
    super(message, { system, httpStatus, remoteCode });
  }
}

export class RemoteNotFoundError extends DomainError {
  readonly code = 'remote_not_found';

  constructor(
    readonly system: RemoteSystem,
    readonly what: string,
  ) {
    super(`${system}: ${what} not found`, { system, what });
  }
}
