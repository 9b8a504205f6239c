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
