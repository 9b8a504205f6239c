import { OrderStatus } from './order-status';

/**
 * The order state machine as data. Everything else (the FSM, `forwardPath`,
 * the boot check, the tests) is derived from this one list, so changing a
 * move means changing one line here.
 *
 * @example
 * // Is "ready → shipped" a legal move? (It is: fulfil with tracking.)
 * ORDER_TRANSITIONS.some((t) => t.from === 'ready' && t.to === 'shipped'); // true
 * // Use `orderStateMachine.canTransition('ready', 'shipped')` in real code.
 */
export const ORDER_TRANSITIONS: readonly { from: OrderStatus; to: OrderStatus }[] = [
  // pending: placed, not yet approved.
  { from: 'pending', to: 'on_hold' },
  { from: 'pending', to: 'ready' },
  { from: 'pending', to: 'cancelling' },
  { from: 'pending', to: 'cancelled' },
  { from: 'pending', to: 'rejected' },
  // on_hold: under review (Joom REQUIRE_REVIEW); review can send it back to pending.
  { from: 'on_hold', to: 'pending' },
  { from: 'on_hold', to: 'ready' },
  { from: 'on_hold', to: 'cancelling' },
  { from: 'on_hold', to: 'cancelled' },
  { from: 'on_hold', to: 'rejected' },
  // ready: approved, awaiting fulfilment. Merchant tracking goes straight to shipped.
  { from: 'ready', to: 'fulfilling' },
  { from: 'ready', to: 'shipped' },
  { from: 'ready', to: 'cancelling' },
  { from: 'ready', to: 'cancelled' },
  { from: 'ready', to: 'rejected' },
  // fulfilling → ready: fulfilment released (the Flexport order was cancelled or
  // failed). Rank-decreasing, so only commands/system can make this move.
  { from: 'fulfilling', to: 'ready' },
  { from: 'fulfilling', to: 'shipped' },
  { from: 'fulfilling', to: 'cancelling' },
  { from: 'fulfilling', to: 'cancelled' },
  // shipped → cancelled: Joom REFUNDED after shipping.
  { from: 'shipped', to: 'delivered' },
  { from: 'shipped', to: 'returning' },
  { from: 'shipped', to: 'returned' },
  { from: 'shipped', to: 'cancelled' },
  { from: 'delivered', to: 'returning' },
  { from: 'delivered', to: 'returned' },
  // cancelling → ready/fulfilling: the cancel was refused, the order goes back
  // to where it was (rank-decreasing: commands/system only).
  { from: 'cancelling', to: 'cancelled' },
  { from: 'cancelling', to: 'rejected' },
  { from: 'cancelling', to: 'ready' },
  { from: 'cancelling', to: 'fulfilling' },
  { from: 'returning', to: 'returned' },
  // cancelled, rejected, returned: terminal, no outgoing edges.
];

/** States with no way out. */
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['cancelled', 'rejected', 'returned'];

/**
 * Progress rank for the forward-only rule on inbound updates: a channel
 * snapshot may only move an order along edges that strictly increase the rank.
 * `cancelling` ranks above every shipping state so that a cancel request is
 * "news" whatever the order was doing; `cancelled`/`rejected` rank highest
 * because nothing follows them. Equal ranks (cancelled/rejected, returned/
 * cancelling) are never connected by an edge, so no tie is ever a move.
 */
export const STATUS_RANK: Record<OrderStatus, number> = {
  pending: 0,
  on_hold: 1,
  ready: 2,
  fulfilling: 3,
  shipped: 4,
  delivered: 5,
  returning: 6,
  returned: 7,
  cancelling: 7,
  cancelled: 9,
  rejected: 9,
};
