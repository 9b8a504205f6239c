import { assertActionAllowed, CanonicalOrder, ChannelProfile, LineNotFoundError, OrderAction } from '@app/orders';
import { InvalidCommandJobError } from './command-jobs';
import { CancelBody, FulfillBody, RejectBody } from './command-payloads';
import { CommandName } from './queue-names';

/** The state-machine action a command asks for (`fulfill:<mode>`, `cancel`, `reject`). */
export function actionOf(name: CommandName, body: FulfillBody | CancelBody | RejectBody): OrderAction {
  return name === 'fulfill' ? `fulfill:${(body as FulfillBody).mode}` : name;
}

/**
 * Whether the order can take the command now — the one check REST runs before
 * queueing and the worker runs again when the job starts: the state machine
 * and the channel's capabilities (IllegalTransitionError /
 * CapabilityUnsupportedError), and for a reject, that the named lines exist.
 */
export function assertCommandApplicable(order: CanonicalOrder, profile: ChannelProfile, name: CommandName, body: FulfillBody | CancelBody | RejectBody): void {
  assertTargetIsOrder(order, body);
  assertActionAllowed(order, profile, actionOf(name, body));
  const lineIds = name === 'reject' ? (body as RejectBody).lineIds : undefined;
  if (!lineIds) return;
  const known = new Set(order.lines.map((line) => line.id));
  const unknown = lineIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new LineNotFoundError(unknown);
}

/**
 * A queue job may name its order twice: by `orderId` and by `channel` +
 * `externalId` (+ `account`). The order was found by `orderId`; the other
 * names must be that same order, or the producer meant another one and
 * acting on either would be a guess. Checked against the order found rather
 * than a recomputed id, since the default account is configuration.
 * A REST body carries none of these fields.
 */
function assertTargetIsOrder(order: CanonicalOrder, body: object): void {
  const { orderId, channel, externalId, account } = body as { orderId?: string; channel?: string; externalId?: string; account?: string };
  if (orderId === undefined || (channel === undefined && externalId === undefined)) return;
  const mismatched = [
    channel !== undefined && channel !== order.channel ? `channel ${channel}` : null,
    externalId !== undefined && externalId !== order.externalId ? `externalId ${externalId}` : null,
    account !== undefined && account !== order.account ? `account ${account}` : null,
  ].filter((field): field is string => field !== null);
  if (mismatched.length === 0) return;
  throw new InvalidCommandJobError(
    `orderId ${orderId} is ${order.channel}/${order.account}/${order.externalId}, but the job also names ${mismatched.join(', ')}: send one target, or two that name the same order`,
    { fields: [{ field: 'orderId', problems: [`orderId names another order than ${mismatched.join(', ')}`] }] },
  );
}
