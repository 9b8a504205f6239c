import { Channel, OrderStatus, ReturnOutcome } from './order-status';
import type { RoutingRecord } from './routing/routing-record';
import type { Hold } from './order-holds';
import type { AddressCorrection } from './shipping-address';

/**
 * The one canonical order shape, the same for every channel.
 * Money is always a decimal string ("12.30"), never a float.
 */
export interface CanonicalOrder {
  /** Gateway id, derived deterministically from (channel, account, externalId). */
  id: string;
  channel: Channel;
  account: string;
  externalId: string;
  /** Human-facing order number where the channel has one (Akinon `number`). */
  externalNumber: string | null;
  status: OrderStatus;
  /** The channel's own status value, exactly as received (e.g. "APPROVED", "200"). */
  channelStatus: string;
  lines: OrderLine[];
  shippingAddress: ShippingAddress | null;
  /** Digest of the channel's raw address as last received, where the adapter gives one (Akinon); docs/api-decisions.md AK-8. */
  channelAddressFingerprint?: string;
  /** Set while `shippingAddress` is an operator's correction rather than the channel's (AK-8). */
  addressCorrection?: AddressCorrection | null;
  money: Money;
  shippingConstraints: ShippingConstraints;
  fulfillment: Fulfillment | null;
  cancellation: Cancellation | null;
  returnOutcome: ReturnOutcome | null;
  attention: Attention | null;
  /** What routing did with the order (docs/api-decisions.md RT-2); absent = not routed. */
  routing?: RoutingRecord;
  /** What keeps the gateway from shipping the order, beside its status (docs/api-decisions.md HO-1); absent = none. */
  holds?: Hold[];
  placedAt: string;
  createdAt: string;
  updatedAt: string;
  /** The channel's own last-update time, used to tell stale snapshots from news. */
  channelUpdatedAt: string | null;
  /** Optimistic-concurrency version: 1 on creation, +1 on every saved change. */
  version: number;
}

export interface OrderLine {
  /** Stable within the order; what `reject { lineIds }` refers to. */
  id: string;
  externalLineId: string;
  sku: string;
  name: string | null;
  quantity: number;
  /** Per unit, on the channel's basis (Joom: what Joom pays the merchant). Null when the channel sent none: flagged `amount_missing`, never guessed. */
  unitPrice: string | null;
  status: OrderStatus;
  channelStatus: string | null;
}

export interface ShippingAddress {
  name: string;
  lines: string[];
  city: string;
  region: string | null;
  postalCode: string | null;
  countryCode: string;
  phone: string | null;
  email: string | null;
}

/**
 * Amounts as decimal strings on one basis per channel, so that
 * Σ line quantity × unitPrice + shipping − discounts = total (Joom: the
 * merchant-payout basis, docs/api-decisions.md JO-3). A value the channel did
 * not send is null and the order is flagged `amount_missing`: never "0.00".
 */
export interface Money {
  currency: string | null;
  total: string | null;
  shipping: string | null;
  discounts: string | null;
}

export type ShippingRequirement = 'online_only' | 'offline_only' | 'online_or_offline';

export interface ShippingConstraints {
  /** Joom's onlineShippingRequirement; null where the channel has no such rule. */
  requirement: ShippingRequirement | null;
  shipBy: string | null;
  deliverBy: string | null;
}

export type FulfillmentProvider = 'merchant' | 'flexport' | 'joom_logistics';

export interface Fulfillment {
  provider: FulfillmentProvider;
  /** The provider's own order id (Flexport order id), null for merchant shipping. */
  providerOrderId: string | null;
  /** The provider's raw status (Flexport internalStatus), when there is one. */
  providerStatus: string | null;
  shipments: Shipment[];
  /** When the provider's tracking was pushed back to the sales channel (Flexport → Joom). */
  trackingPushedAt?: string | null;
  /** Flexport: which fulfilment attempt `providerOrderId` belongs to (absent = 1); docs/api-decisions.md FX-1. */
  attempt?: number;
  /**
   * Flexport, when the order's lines went in several Flexport orders (a fulfil
   * naming `lines`, docs/api-decisions.md FX-9): one entry per Flexport order,
   * oldest first. The fields above then describe the latest one and
   * `shipments` those of every part. Absent = one Flexport order for every line sent.
   */
  parts?: FulfillmentPart[];
}

/** One Flexport order holding some of the order's lines (docs/api-decisions.md FX-9). */
export interface FulfillmentPart {
  /** Its number among the order's Flexport orders: its externalOrderId is the gateway id (1) or `<id>-<attempt>` (FX-1). */
  attempt: number;
  providerOrderId: string;
  providerStatus: string | null;
  /** The gateway line ids it carries. */
  lineIds: string[];
  shipments: Shipment[];
}

export interface Shipment {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
}

export type CancellationActor = 'merchant' | 'customer' | 'marketplace' | 'gateway';

export interface Cancellation {
  reason: string;
  requestedBy: CancellationActor;
  note: string | null;
  at: string;
}

export const ATTENTION_CODES = [
  'unmapped_status',
  'status_regressed',
  'command_failed',
  'fulfillment_error',
  'cancel_refused',
  'remote_missing',
  'carrier_unmapped',
  'amount_missing',
  'address_incomplete',
  'partial_cancel_at_provider',
  'ship_by_at_risk',
] as const;
export type AttentionCode = (typeof ATTENTION_CODES)[number];

/** Set when a human must look at the order; cleared by the change that resolves it. */
export interface Attention {
  code: AttentionCode;
  message: string;
  since: string;
  /** Extra facts, e.g. `{ rawStatus }` for unmapped_status. */
  details?: Record<string, unknown>;
}

/** Who caused a transition. */
export type TransitionCause = 'ingest' | 'sync' | 'command' | 'webhook' | 'system';

/** One entry of an order's history: appended on every saved change of state. */
export interface HistoryEntry {
  /** `created` (first save), `transition` (status moved) or `annotation` (attention, tracking… without a move). */
  kind: 'created' | 'transition' | 'annotation';
  at: string;
  /** The order version this entry produced. */
  version: number;
  from: OrderStatus | null;
  to: OrderStatus;
  cause: TransitionCause;
  actor: string;
  /** The adapter request id (or job id) behind the change, when there is one. */
  requestId: string | null;
  /** The command step job that made this change; lets a re-run job see that its effect is already saved. */
  jobId?: string;
  /** The command's correlation id (the REST request id, or `<queue>/<job id>` of a producer's job). */
  correlationId?: string;
  /** The OpenTelemetry trace id of the command, when it was traced. */
  traceId?: string;
  note?: string;
  /** What an operator changed, e.g. `{ before, after }` of a corrected shipping address. */
  details?: Record<string, unknown>;
}

/** What goes out on `order-events` for every saved transition. */
export interface OrderEvent {
  /** `<orderId>:<version>` — unique, so consumers can deduplicate. */
  eventId: string;
  type: 'order.created' | 'order.transitioned' | 'order.updated';
  orderId: string;
  channel: Channel;
  externalId: string;
  from: OrderStatus | null;
  to: OrderStatus;
  version: number;
  cause: TransitionCause;
  at: string;
}
