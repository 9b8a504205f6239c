import { DomainError } from '@app/orders';

/** The external systems the gateway talks to. */
export type RemoteSystem = 'joom' | 'akinon' | 'flexport';

/**
 * Worth retrying later: 5xx, 429, timeouts, connection resets. `retryAfterMs`
 * is what the system asked for (Retry-After / X-Rate-Limit-Reset), when it did.
 */
export class RemoteTransientError extends DomainError {
  readonly code: 'marketplace_rate_limited' | 'remote_unavailable' | 'channel_auth_refused';

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
 * The system refuses the credentials we can renew ourselves (a refused OAuth
 * refresh token): a person must give a new grant. Not the command's fault, so
 * it stays transient: the system's queue waits `retryAfterMs` and tries again
 * without using an attempt (docs/api-decisions.md OA-7).
 */
export class RemoteAuthUnavailableError extends RemoteTransientError {
  override readonly code = 'channel_auth_refused' as const;

  constructor(system: RemoteSystem, message: string, retryAfterMs: number) {
    super(system, message, null, retryAfterMs);
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
