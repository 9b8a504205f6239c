import { CanonicalOrder, Channel, ChannelProfile, InboundSnapshot, Shipment } from '@app/orders';
import { CancellationPlanFeed } from './cancellation-plans.port';

/** A channel order as an adapter read it: who it is plus the canonical snapshot. */
export interface ChannelOrder {
  externalId: string;
  snapshot: InboundSnapshot;
  /** Where the channel has its own creation/placement time (used when the order is new to the gateway). */
  placedAt: string;
}

/** One page of orders changed since a cursor. */
export interface ChangedOrdersPage {
  orders: ChannelOrder[];
  /**
   * Opaque, durable cursor to pass next time (store it only after the page is
   * saved). Null when the channel has nothing more right now; the caller then
   * keeps `resumeCursor` for the next poll.
   */
  nextCursor: string | null;
  /** The cursor to start the next poll from once this run has caught up. */
  resumeCursor: string;
}

/**
 * How a command is being attempted. `firstAttempt`: no earlier attempt of
 * this command can have reached the channel (its step's first start), so an
 * adapter may send without reading the order first; a refusal is still
 * checked by reading (the effect may be there already). Retries, re-runs
 * after a crash and replays read first, as always.
 */
export interface CommandAttempt {
  firstAttempt?: boolean;
}

export interface TrackingCommand extends CommandAttempt {
  carrier: string;
  trackingNumber: string;
  note?: string;
}

export interface CancelCommand extends CommandAttempt {
  reason: string;
  note?: string;
}

export interface RejectCommand extends CommandAttempt {
  reason: string;
  /** Gateway line ids; absent = every line that can still be rejected. */
  lineIds?: string[];
  note?: string;
}

/** What a command did at the remote system. */
export interface CommandOutcome {
  /** The remote request id / correlation id, recorded in the order history. */
  requestId: string | null;
  /** True when the remote already showed the command's effect, so nothing was sent again. */
  alreadyDone: boolean;
  /** The order as the remote shows it after the command, when the adapter read it. */
  order?: ChannelOrder;
  /** Facts worth keeping (online label tracking number, rejected line ids…). */
  details?: Record<string, unknown>;
}

/**
 * The one port every sales channel adapter implements (Joom v2, Joom v3,
 * Akinon). A capability the channel lacks throws `CapabilityUnsupportedError`
 * before any HTTP call; remote failures throw the classified errors in
 * `remote-errors.ts`.
 *
 * Fulfil-via-Flexport is not a channel call: the worker creates the Flexport
 * order through `FulfillmentProviderAdapter`, and pushes Flexport's tracking
 * back with `fulfillWithTracking` once it ships.
 *
 * @example
 *   const page = await joom.listChangedOrders(null);
 *   await joom.fulfillWithTracking(order, { carrier: 'DHL', trackingNumber: 'JD0142' });
 */
export interface SalesChannelAdapter {
  readonly channel: Exclude<Channel, 'flexport'>;
  readonly profile: ChannelProfile;
  readonly account: string;
  /**
   * `externalNumber` (the stored `externalNumber`) is for channels that read
   * one order by its number rather than its id (Akinon); others ignore it.
   */
  getOrder(externalId: string, externalNumber?: string | null): Promise<ChannelOrder>;
  /** `cursor` null = start from `since` (ISO time), or from the beginning. */
  listChangedOrders(cursor: string | null, options?: { since?: string; limit?: number }): Promise<ChangedOrdersPage>;
  fulfillWithTracking(order: CanonicalOrder, command: TrackingCommand): Promise<CommandOutcome>;
  fulfillOnline(order: CanonicalOrder, attempt?: CommandAttempt): Promise<CommandOutcome>;
  cancel(order: CanonicalOrder, command: CancelCommand): Promise<CommandOutcome>;
  reject(order: CanonicalOrder, command: RejectCommand): Promise<CommandOutcome>;
  modifyTracking(order: CanonicalOrder, command: TrackingCommand): Promise<CommandOutcome>;
  /** Present only on channels whose cancels come as cancellation plans (Akinon); see `CancellationPlanFeed`. */
  readonly cancellationPlans?: CancellationPlanFeed;
}

export interface ProviderError {
  type: string;
  code: string | null;
  message: string;
  retriable: boolean;
}

/** A Flexport fulfillment order in canonical terms. */
export interface ProviderOrder {
  providerOrderId: string;
  /** Flexport `externalOrderId`: the gateway order id, with `-<attempt>` from the second attempt on (docs/api-decisions.md FX-1). */
  externalOrderId: string;
  /** The fulfilment attempt read from `externalOrderId` (1 for the bare gateway id). */
  attempt?: number;
  /** Mapped status (CREATED→fulfilling, SHIPPED→shipped…); null when unmapped. */
  status: CanonicalOrder['status'] | null;
  /** Flexport's raw `state.internalStatus`. */
  rawStatus: string;
  shipments: Shipment[];
  error: ProviderError | null;
  requestId: string | null;
}

/**
 * The fulfillment provider port (Flexport). Creation is idempotent per
 * fulfilment attempt: the attempt's `externalOrderId` and an
 * `idempotency-key` derived from it and the body, a 409 duplicate resolving
 * to the existing live order; an attempt Flexport cancelled is followed by a
 * new one (docs/api-decisions.md FX-1…FX-3).
 */
export interface FulfillmentProviderAdapter {
  readonly provider: 'flexport';
  createOrder(order: CanonicalOrder, options?: { shipMethod?: string; lineIds?: readonly string[] }): Promise<ProviderOrder>;
  getOrder(providerOrderId: string): Promise<ProviderOrder>;
  /** Null when Flexport has no order with that external id. */
  findByExternalId(externalOrderId: string): Promise<ProviderOrder | null>;
  retry(providerOrderId: string): Promise<ProviderOrder>;
  /** Throws `RemoteRefusedError` when Flexport refuses (e.g. already shipped). */
  cancel(providerOrderId: string, reason?: string): Promise<ProviderOrder>;
}
