import type { ChannelProfile, OrderAction } from './order-action.types';
import { AddressIncompleteError, CapabilityUnsupportedError, IllegalTransitionError, NoRejectableLinesError, OfflineOnlyError, OnlineOnlyError, TrackingNotModifiableError } from './order-errors';
import { activeHolds, HoldFact, OnHoldError } from './order-holds';
import { OrderStatus } from './order-status';
import { CanonicalOrder, FulfillmentProvider, OrderLine, ShippingConstraints } from './order.types';
import { shippingAddressGaps } from './shipping-address';

// The names live in their own file so order-errors.ts can use them without importing this one.
export type { ChannelProfile, OrderAction } from './order-action.types';

/** What each channel can do at all, independent of any order. */
export const CHANNEL_CAPABILITIES: Record<ChannelProfile, readonly OrderAction[]> = {
  joom_v2: ['fulfill:tracking', 'fulfill:flexport', 'cancel', 'reject', 'modify_tracking'],
  joom_v3: ['fulfill:tracking', 'fulfill:flexport', 'fulfill:online', 'cancel', 'reject', 'modify_tracking'],
  // Akinon's seller API cannot take merchant tracking: fulfil through Flexport only.
  akinon: ['fulfill:flexport', 'cancel', 'reject'],
  flexport: ['cancel'],
};

/**
 * Which states an action starts from and where it moves the order. Every
 * (from, to) here must be an edge of ORDER_TRANSITIONS (checked at boot);
 * modify_tracking is a self-move (shipped stays shipped) and is exempt.
 * Key order is the output order of `allowedActions`.
 */
export const ACTION_RULES: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  'fulfill:tracking': { from: ['ready'], to: 'shipped' },
  'fulfill:flexport': { from: ['ready'], to: 'fulfilling' },
  'fulfill:online': { from: ['ready'], to: 'fulfilling' },
  cancel: { from: ['pending', 'on_hold', 'ready', 'fulfilling'], to: 'cancelling' },
  reject: { from: ['pending', 'on_hold', 'ready'], to: 'rejected' },
  modify_tracking: { from: ['shipped'], to: 'shipped' },
};

export const ORDER_ACTIONS = Object.keys(ACTION_RULES) as OrderAction[];

/** Line states a reject may still act on (the same states as the order-level rule). */
const REJECTABLE: readonly OrderStatus[] = ACTION_RULES.reject.from;

/**
 * Everything `allowedActions` reads of an order, and nothing else. Every
 * CanonicalOrder is one; the store also keeps this projection beside the
 * document (`actionFactsOf`), so a read can present an order without
 * parsing it.
 */
export interface ActionFacts {
  status: CanonicalOrder['status'];
  lines: ReadonlyArray<Pick<OrderLine, 'id' | 'status'>>;
  shippingConstraints: Pick<ShippingConstraints, 'requirement'>;
  /** Only the number of shipments matters. */
  fulfillment: { provider: FulfillmentProvider; shipments: readonly unknown[] } | null;
  /**
   * What holds `fulfill:flexport` back: the required address fields missing,
   * or those an `address_incomplete` flag names (AK-8); empty = nothing. Kept
   * in the stored projection (field names only, never the address); a whole
   * order leaves it out and it is computed from the order.
   */
  addressProblems?: readonly string[];
  /** The order's holds (reason and source), which stop every fulfil (docs/api-decisions.md HO-1); absent = none. */
  holds?: readonly HoldFact[];
}

/** An order or its projection: what `addressProblems` can read. */
type AddressFacts = ActionFacts & Partial<Pick<CanonicalOrder, 'shippingAddress' | 'attention'>>;

/** The smallest ActionFacts of an order (what the store keeps beside its document). */
export function actionFactsOf(order: AddressFacts): ActionFacts {
  const facts: ActionFacts = {
    status: order.status,
    lines: order.lines.map(({ id, status }) => ({ id, status })),
    shippingConstraints: { requirement: order.shippingConstraints.requirement },
    fulfillment: order.fulfillment && { provider: order.fulfillment.provider, shipments: order.fulfillment.shipments.map(() => 1) },
    addressProblems: addressProblems(order),
  };
  // Only a held order carries the key, so an order never held keeps the projection it always had.
  const holds = activeHolds(order);
  if (holds.length > 0) facts.holds = holds.map(({ reason, source }) => ({ reason, source }));
  return facts;
}

/**
 * Why the order's address holds `fulfill:flexport` back: the required fields
 * it lacks, or what the `address_incomplete` flag names. Empty = nothing.
 */
export function addressProblems(order: AddressFacts): string[] {
  if (order.addressProblems !== undefined) return [...order.addressProblems];
  // A projection stored before these facts were kept: nothing known here (the command intake reads the whole order).
  if (order.shippingAddress === undefined) return [];
  const gaps = shippingAddressGaps(order.shippingAddress);
  if (order.attention?.code !== 'address_incomplete') return gaps;
  // The flag names what the channel left unresolved (a township, say), which the fields alone do not show.
  const named = order.attention.details?.missing;
  const flagged = Array.isArray(named) && named.length > 0 ? named.map(String) : ['shippingAddress'];
  return [...new Set([...flagged, ...gaps])];
}

export function rejectableLineIds(order: Pick<ActionFacts, 'lines'>): string[] {
  return order.lines.filter((line) => REJECTABLE.includes(line.status)).map((line) => line.id);
}

/**
 * Actions the order's state and facts permit, before asking whether the
 * channel can do them. Used on its own when no channel profile is known.
 */
export function stateAllowedActions(order: ActionFacts): OrderAction[] {
  return ORDER_ACTIONS.filter((action) => ACTION_RULES[action].from.includes(order.status) && factRefusal(order, action) === null);
}

/** State machine AND channel capability AND order facts, in table order. */
export function allowedActions(order: ActionFacts, profile: ChannelProfile): OrderAction[] {
  const capable = CHANNEL_CAPABILITIES[profile];
  return stateAllowedActions(order).filter((action) => capable.includes(action));
}

/**
 * Capability is checked first: "this channel can never do that" (422) is more
 * useful than "not in this state" (409) when both are true. A state that
 * permits the action but an order fact that rules it out gets the fact's own
 * code (`online_only`, `address_incomplete`…), never a made-up transition.
 */
export function assertActionAllowed(order: ActionFacts, profile: ChannelProfile, action: OrderAction): void {
  if (!CHANNEL_CAPABILITIES[profile].includes(action)) {
    throw new CapabilityUnsupportedError(profile, action);
  }
  const allowed = allowedActions(order, profile);
  if (allowed.includes(action)) return;
  const refusal = ACTION_RULES[action].from.includes(order.status) ? factRefusal(order, action) : null;
  switch (refusal) {
    case 'on_hold':
      // A whole order's holds carry their ids and notes, which the refusal names too.
      throw new OnHoldError(activeHolds(order), allowed);
    case 'online_only':
      throw new OnlineOnlyError(action, allowed);
    case 'offline_only':
      throw new OfflineOnlyError(action, allowed);
    case 'address_incomplete':
      throw new AddressIncompleteError(addressProblems(order));
    case 'no_rejectable_lines':
      throw new NoRejectableLinesError(action, allowed);
    case 'tracking_not_modifiable':
      throw new TrackingNotModifiableError(action, allowed);
    case null:
      throw new IllegalTransitionError(order.status, ACTION_RULES[action].to, allowed);
  }
}

/** The error code of the order fact that rules an action out. */
type FactRefusal = 'on_hold' | 'online_only' | 'offline_only' | 'address_incomplete' | 'no_rejectable_lines' | 'tracking_not_modifiable';

/** Order facts beyond the state that rule an action out: the first one that does, or null. */
function factRefusal(order: ActionFacts, action: OrderAction): FactRefusal | null {
  const requirement = order.shippingConstraints.requirement;
  // A hold stops every way of shipping, and nothing else: cancel and reject stay possible (HO-1).
  if (action.startsWith('fulfill:') && activeHolds(order).length > 0) return 'on_hold';
  switch (action) {
    // Joom decides per order whether it must ship through Joom Logistics.
    case 'fulfill:tracking':
      return requirement === 'online_only' ? 'online_only' : null;
    // Flexport needs an address it can ship to; a gap is corrected, never guessed (AK-8).
    case 'fulfill:flexport':
      if (requirement === 'online_only') return 'online_only';
      return addressProblems(order).length > 0 ? 'address_incomplete' : null;
    case 'fulfill:online':
      return requirement === 'offline_only' ? 'offline_only' : null;
    case 'reject':
      return rejectableLineIds(order).length > 0 ? null : 'no_rejectable_lines';
    // Only tracking the merchant supplied can be modified, and only once there
    // is some; a null fulfillment has no shipment and so never qualifies.
    case 'modify_tracking':
      return (order.fulfillment === null || order.fulfillment.provider === 'merchant') && (order.fulfillment?.shipments.length ?? 0) > 0 ? null : 'tracking_not_modifiable';
    case 'cancel':
      return null;
  }
}
