import { assertActionAllowed, CanonicalOrder, ChannelProfile, LineNotFoundError } from '@app/orders';
import { CommandBody, RejectBody } from './command-payloads';
import { actionOf } from './command-plans';
import { CommandName } from './queue-names';

/**
 * Whether the order can take the command now — the one check REST runs before
 * queueing and the worker runs again when the job starts: the state machine
 * and the channel's capabilities (IllegalTransitionError /
 * CapabilityUnsupportedError), and for a reject, that the named lines exist.
 */
export function assertCommandApplicable(order: CanonicalOrder, profile: ChannelProfile, name: CommandName, body: CommandBody): void {
  assertActionAllowed(order, profile, actionOf(name, body));
  const lineIds = name === 'reject' ? (body as RejectBody).lineIds : undefined;
  if (!lineIds) return;
  const known = new Set(order.lines.map((line) => line.id));
  const unknown = lineIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new LineNotFoundError(unknown);
}
