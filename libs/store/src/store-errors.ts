import { DomainError } from '@app/orders';

export class OrderNotFoundError extends DomainError {
  readonly code = 'order_not_found';
  constructor(readonly orderId: string) {
    super(`order ${orderId} not found`, { orderId });
  }
}

/** Someone saved the order first; re-read it and try again. */
export class VersionConflictError extends DomainError {
  readonly code = 'version_conflict';
  constructor(
    readonly orderId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`order ${orderId} is at version ${actual}, not ${expected}`, { orderId, expected, actual });
  }
}

/** Redis is unreachable or too slow; callers answer 503 rather than hang. */
export class StoreUnavailableError extends DomainError {
  readonly code = 'store_unavailable';
  constructor(cause: string) {
    super(`order store unavailable: ${cause}`);
  }
}

export class InvalidCursorError extends DomainError {
  readonly code = 'invalid_cursor';
  constructor() {
    super('cursor is not one this API returned', { field: 'cursor' });
  }
}
