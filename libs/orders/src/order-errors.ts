import { DomainError } from './domain-error';
import type { ChannelProfile, OrderAction } from './order-action.types';
import { OrderStatus } from './order-status';

/**
 * The move is not in the transition table (REST: 409). Carries what the caller
 * may do instead, so a client can recover without a second request.
 * Generic so the FSM can raise it for any state type; orders use the default.
 */
export class IllegalTransitionError<S extends string = OrderStatus> extends DomainError {
  readonly code = 'illegal_transition';

  constructor(
    readonly from: S,
    readonly to: S,
    readonly allowedActions: OrderAction[] = [],
  ) {
    super(`Illegal transition from "${from}" to "${to}"`, { from, to, allowedActions });
  }
}

/** The channel cannot do this at all, whatever the state (REST: 422). */
export class CapabilityUnsupportedError extends DomainError {
  readonly code = 'capability_unsupported';

  constructor(
    readonly channelProfile: ChannelProfile,
    readonly action: OrderAction,
  ) {
    super(`Channel "${channelProfile}" does not support "${action}"`, { channelProfile, action });
  }
}

/** A command named lines the order does not have. */
export class LineNotFoundError extends DomainError {
  readonly code = 'line_not_found';

  constructor(readonly lineIds: string[]) {
    super(`Order has no line(s): ${lineIds.join(', ')}`, { lineIds });
  }
}

/** A reject named lines that are past rejecting (shipped, cancelled, rejected…): the order's lines are in the way (REST: 409). */
export class LineNotRejectableError extends DomainError {
  readonly code = 'line_not_rejectable';

  constructor(readonly lines: { id: string; status: string }[]) {
    super(`line(s) can no longer be rejected: ${lines.map((line) => `${line.id} is ${line.status}`).join(', ')}`, { lines });
  }
}

/**
 * A fulfil named lines no fulfil can take any more: cancelled, rejected, being
 * cancelled, or already sent to a provider or shipped — a line is never sent
 * twice, and a closed line is never shipped (REST: 409; docs/api-decisions.md LP-2).
 */
export class LineNotFulfillableError extends DomainError {
  readonly code = 'line_not_fulfillable';

  constructor(readonly lines: { id: string; status: string }[]) {
    super(`line(s) cannot be fulfilled: ${lines.map((line) => `${line.id} is ${line.status}`).join(', ')}`, { lines });
  }
}

/**
 * The order's shipping address lacks what a provider needs (or parts the
 * channel sent could not be resolved): fulfilling through Flexport is refused
 * until an operator corrects it (REST: 422; docs/api-decisions.md AK-8).
 */
export class AddressIncompleteError extends DomainError {
  readonly code = 'address_incomplete';

  constructor(readonly missing: string[]) {
    super(`The shipping address is incomplete (${missing.join(', ')}); correct it with PUT /v1/orders/{id}/shipping-address first`, { missing });
  }
}

/**
 * The order's state permits the action but one of its facts rules it out:
 * not an illegal transition, so its own code says which fact. Carries what
 * the caller may do instead, like IllegalTransitionError.
 */
abstract class OrderFactRefusal extends DomainError {
  constructor(
    readonly action: OrderAction,
    readonly allowedActions: OrderAction[],
    reason: string,
  ) {
    super(`"${action}" is refused: ${reason}`, { action, allowedActions });
  }
}

/** The channel requires this order to ship through its own logistics (Joom `online_only`): no tracking or Flexport fulfilment. */
export class OnlineOnlyError extends OrderFactRefusal {
  readonly code = 'online_only';

  constructor(action: OrderAction, allowedActions: OrderAction[]) {
    super(action, allowedActions, 'the channel requires this order to ship online (fulfil with mode online)');
  }
}

/** The channel does not offer its own logistics for this order (Joom `offline_only`): no online fulfilment. */
export class OfflineOnlyError extends OrderFactRefusal {
  readonly code = 'offline_only';

  constructor(action: OrderAction, allowedActions: OrderAction[]) {
    super(action, allowedActions, 'the channel does not offer online shipping for this order (fulfil with mode tracking or flexport)');
  }
}

/** Every line is past the states a reject acts on (shipped, cancelled, rejected…). */
export class NoRejectableLinesError extends OrderFactRefusal {
  readonly code = 'no_rejectable_lines';

  constructor(action: OrderAction, allowedActions: OrderAction[]) {
    super(action, allowedActions, 'no line of this order can still be rejected');
  }
}

/** Only tracking the merchant supplied can be modified: the order was shipped by a provider, or has no shipment. */
export class TrackingNotModifiableError extends OrderFactRefusal {
  readonly code = 'tracking_not_modifiable';

  constructor(action: OrderAction, allowedActions: OrderAction[]) {
    super(action, allowedActions, 'the order has no tracking the merchant supplied');
  }
}
