import { DomainError } from '@app/orders';

/** The same idempotency key came back with a different command (REST: 422). */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'idempotency_key_reused';
  constructor(jobId: string) {
    super('this idempotency key was already used for a different command', { jobId });
  }
}

/** The order has a command queued or running; this one would race it (REST: 409, naming that job). */
export class CommandInProgressError extends DomainError {
  readonly code = 'command_in_progress';
  constructor(
    readonly jobId: string,
    readonly queue: string,
  ) {
    super(`the order has a command in progress (job ${jobId} on ${queue}); wait for it, then send this one again`, { jobId, queue });
  }
}
