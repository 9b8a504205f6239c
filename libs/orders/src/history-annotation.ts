import { CanonicalOrder, HistoryEntry, TransitionCause } from './order.types';

/** A history entry that records something about the order without moving it (a note, a flag, a correction). */
export function annotation(
  order: Pick<CanonicalOrder, 'status'>,
  entry: { at: string; cause: TransitionCause; actor: string; note: string; details?: Record<string, unknown> },
): Omit<HistoryEntry, 'version'> {
  return {
    kind: 'annotation',
    at: entry.at,
    from: order.status,
    to: order.status,
    cause: entry.cause,
    actor: entry.actor,
    requestId: null,
    note: entry.note,
    ...(entry.details ? { details: entry.details } : {}),
  };
}
