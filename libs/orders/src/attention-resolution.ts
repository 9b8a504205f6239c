import { DomainError } from './domain-error';
import { annotation } from './history-annotation';
import { AttentionCode, CanonicalOrder, HistoryEntry } from './order.types';

/** The order carries no attention flag to resolve (REST: 409). */
export class NoAttentionError extends DomainError {
  readonly code = 'no_attention';

  constructor(readonly orderId: string) {
    super(`Order ${orderId} has no attention flag to resolve`, { orderId });
  }
}

/** The caller resolved one flag, but the order carries another now (REST: 409): look again before acknowledging it. */
export class AttentionChangedError extends DomainError {
  readonly code = 'attention_changed';

  constructor(expected: AttentionCode, actual: AttentionCode) {
    super(`The order's attention flag is ${actual} now, not ${expected}: read the order and resolve what it says`, { expected, actual });
  }
}

/**
 * A person acknowledges the order's attention flag
 * (`POST /v1/orders/{id}/attention/resolve`): the flag is cleared and a
 * history entry keeps who did it, their note and the flag they cleared.
 * Resolving fixes nothing at the channel: a later sync or step that meets
 * the same problem flags the order again. With `expected`, the flag must
 * still be that code (the caller acted on what it saw). Pure: the caller
 * saves the result through the versioned store.
 */
export function resolveAttention(
  current: CanonicalOrder,
  request: { note: string; expected?: AttentionCode },
  actor: string,
  now: string,
): { order: CanonicalOrder; history: Omit<HistoryEntry, 'version'>[] } {
  const flag = current.attention;
  if (!flag) throw new NoAttentionError(current.id);
  if (request.expected && request.expected !== flag.code) throw new AttentionChangedError(request.expected, flag.code);
  return {
    order: { ...current, attention: null, updatedAt: now },
    history: [annotation(current, { at: now, cause: 'command', actor, note: `attention ${flag.code} resolved: ${request.note}`, details: { resolved: flag } })],
  };
}
