import { assertActionAllowed, CanonicalOrder, ChannelProfile, LineNotFoundError, LineNotFulfillableError, LineNotRejectableError, rejectableLineIds, unfulfilledLineIds } from '@app/orders';
import { CommandBody, FulfillBody, RejectBody } from './command-payloads';
import { actionOf } from './command-plans';
import { CommandName } from './queue-names';

/**
 * Whether the order can take the command now — the one check REST runs before
 * queueing and the worker runs again when the job starts: the state machine
 * and the channel's capabilities (IllegalTransitionError /
 * CapabilityUnsupportedError), and for a reject or a fulfil naming lines,
 * that the named lines exist and can still be rejected / fulfilled.
 */
export function assertCommandApplicable(order: CanonicalOrder, profile: ChannelProfile, name: CommandName, body: CommandBody): void {
  assertActionAllowed(order, profile, actionOf(name, body));
  if (name === 'fulfill')
    return assertLinesFulfillable(
      order,
      (body as FulfillBody).lines?.map((line) => line.lineId),
    );
  const lineIds = name === 'reject' ? (body as RejectBody).lineIds : undefined;
  if (!lineIds) return;
  assertLinesKnown(order, lineIds);
  // Named lines only: rejecting "the rest" of an order skips what has shipped (rejectableLineIds).
  const open = new Set(rejectableLineIds(order));
  const closed = order.lines.filter((line) => lineIds.includes(line.id) && !open.has(line.id));
  if (closed.length > 0) throw new LineNotRejectableError(closed.map((line) => ({ id: line.id, status: line.status })));
}

function assertLinesKnown(order: CanonicalOrder, lineIds: readonly string[]): void {
  const known = new Set(order.lines.map((line) => line.id));
  const unknown = lineIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new LineNotFoundError(unknown);
}

/** A fulfil naming lines sends only lines no fulfil has taken: never a closed line, never a line twice (docs/api-decisions.md FX-9). */
function assertLinesFulfillable(order: CanonicalOrder, lineIds: readonly string[] | undefined): void {
  if (!lineIds) return;
  assertLinesKnown(order, lineIds);
  const open = new Set(unfulfilledLineIds(order));
  const taken = order.lines.filter((line) => lineIds.includes(line.id) && !open.has(line.id));
  if (taken.length > 0) throw new LineNotFulfillableError(taken.map((line) => ({ id: line.id, status: line.status })));
}
