import { CanonicalOrder, OrderLine, OrderStatus } from '@app/orders';

/**
 * A marketplace's request to cancel (or refund) some items of one order,
 * made on the marketplace's side: Akinon's cancellation plans
 * (docs/api-decisions.md AK-10).
 */
export interface CancellationPlan {
  /** The channel's order id (the canonical order's `externalId`). */
  externalOrderId: string;
  planId: string;
  /** `cancelling` while the channel processes it, `cancelled` once completed, null when it cancels nothing (or is unknown). */
  status: 'cancelling' | 'cancelled' | null;
  /** The plan's status as the channel sent it, normalised to snake_case. */
  rawStatus: string;
  /** `cancel` (before shipping) or `refund` (after). */
  planType: string;
  /** The channel's item ids the plan covers. */
  itemIds: string[];
  /** The same items as canonical line ids. */
  lineIds: string[];
  /** When the channel last changed the plan, when it says. */
  updatedAt: string | null;
}

/** One page of cancellation plans, cursored as `ChangedOrdersPage`. */
export interface CancellationPlansPage {
  plans: CancellationPlan[];
  nextCursor: string | null;
  /** Where the next run starts once this one has caught up. */
  resumeCursor: string;
}

/** What one plan does to one stored order: its lines, and the order's moves that follow. */
export interface CancellationPlanEffect {
  lines: OrderLine[];
  /** The order's moves (table edges), oldest first; empty when its status stays. */
  path: OrderStatus[];
  /** Canonical ids of the lines this plan moved now. */
  movedLineIds: string[];
  /** The plan's lines that the order has. */
  planLineIds: string[];
}

/**
 * The optional capability of a channel whose cancels arrive as plans beside
 * its orders feed (Akinon). A channel without it (Joom) leaves
 * `SalesChannelAdapter.cancellationPlans` undefined, and the sync reads no plans.
 */
export interface CancellationPlanFeed {
  /** `externalOrderId` reads one order's plans. */
  list(cursor: string | null, options?: { limit?: number; externalOrderId?: string }): Promise<CancellationPlansPage>;
  /** The channel's rule for where a plan moves the order's lines (pure, no call). */
  effect(order: CanonicalOrder, plan: CancellationPlan): CancellationPlanEffect;
}
