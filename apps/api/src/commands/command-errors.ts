import { DomainError } from '@app/orders';

/** The same Idempotency-Key came back with a different command body. */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'idempotency_key_reused';
  constructor(jobId: string) {
    super('this Idempotency-Key was already used for a different command', { jobId });
  }
}
