import { UnrecoverableError } from 'bullmq';
import { RemoteAuthUnavailableError, RemoteNotFoundError, RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { DomainError } from '@app/orders';
import { StoreUnavailableError, VersionConflictError } from '@app/store';

export type FailureKind =
  /** 429 with a wait, or credentials a person must renew: throttle the whole system's queue, no attempt used. */
  | 'rate_limited'
  /** 5xx, timeouts, Redis blips, lost races: retry with backoff. */
  | 'transient'
  /** The remote system refused for good: fail at once and flag the order. */
  | 'refused'
  /** The command no longer fits the order (state or capability changed): fail at once. */
  | 'not_applicable'
  /** Already flagged by the step itself (Flexport refused the cancel; no channel name for a carrier): fail at once. */
  | 'refused_flagged';

/** Codes of errors whose step flagged the order itself, with a more precise attention than `command_failed`. */
const FLAGGED_BY_STEP = new Set(['cancel_refused', 'carrier_unmapped']);
// `address_incomplete`: the order already carries that flag, which names the gaps; `command_failed` would only hide it (docs/api-decisions.md AK-8).
// `on_hold`: the order's holds say why, and a person or the gateway releases them (HO-1).
const NOT_APPLICABLE = new Set([
  'illegal_transition',
  'capability_unsupported',
  'line_not_found',
  'order_not_found',
  'invalid_command_job',
  'address_incomplete',
  'on_hold',
  'online_only',
  'offline_only',
  'no_rejectable_lines',
  'line_not_rejectable',
  'line_not_fulfillable',
  'tracking_not_modifiable',
]);

/** The one place that decides how a step failure is treated. */
export function classifyFailure(error: unknown): FailureKind {
  // Every call to that system fails until its grant is renewed: wait, never a dead letter (docs/api-decisions.md OA-7).
  if (error instanceof RemoteAuthUnavailableError) return 'rate_limited';
  if (error instanceof RemoteTransientError) return error.httpStatus === 429 && error.retryAfterMs !== null ? 'rate_limited' : 'transient';
  if (error instanceof VersionConflictError || error instanceof StoreUnavailableError) return 'transient';
  if (error instanceof RemoteRefusedError || error instanceof RemoteNotFoundError) return 'refused';
  if (error instanceof DomainError) {
    if (FLAGGED_BY_STEP.has(error.code)) return 'refused_flagged';
    return NOT_APPLICABLE.has(error.code) ? 'not_applicable' : 'refused';
  }
  // Unknown errors (bugs, unexpected shapes) are retried; exhausting retries flags the order.
  return 'transient';
}

/** `<code>: <message>` — every failedReason starts with a stable code (`internal_error` for what is not a domain error). */
export function failureMessage(error: unknown): string {
  const code = error instanceof DomainError ? error.code : 'internal_error';
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${code}: `) ? message : `${code}: ${message}`;
}

/** Before any step runs (intake): a refusal fails the job for good with nothing to flag; a blip is retried. */
export function refusedForGood(error: unknown): Error {
  const kind = classifyFailure(error);
  return kind === 'transient' || kind === 'rate_limited' ? new Error(failureMessage(error)) : new UnrecoverableError(failureMessage(error));
}
