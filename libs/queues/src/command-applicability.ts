import { assertActionAllowed, CanonicalOrder, ChannelProfile, LineNotFoundError, OrderAction } from '@app/orders';
import { CancelBody, FulfillBody, ModifyTrackingBody, RejectBody } from './command-payloads';
import { CommandName } from './queue-names';

/** Any command's body. */
export type CommandBody = FulfillBody | CancelBody | RejectBody | ModifyTrackingBody;

/** The state-machine action a command asks for (`fulfill:<mode>`, `cancel`, `reject`, `modify_tracking`). */
export function actionOf(name: CommandName, body: CommandBody): OrderAction {
  switch (name) {
    case 'fulfill':
      return `fulfill:${(body as FulfillBody).mode}`;
    case 'modify-tracking':
      return 'modify_tracking';
    default:
      return name;
  }
}

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
