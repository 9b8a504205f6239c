import { Channel, OrderStatus } from '@app/orders';

/**
 * The ways a stored order can disagree with the systems it lives in.
 *
 * - `flexport_shipped_not_on_channel` — Flexport shipped (or delivered) a Joom
 *   order but its tracking was never pushed to Joom (`trackingPushedAt`
 *   empty), so Joom does not show the shipment and the buyer cannot track it.
 * - `provider_ahead` — Flexport's status, mapped, is further along than the
 *   canonical status (Flexport SHIPPED while the order is still `fulfilling`),
 *   or Flexport CANCELLED while the order is still `fulfilling`: a Flexport
 *   update was lost or could not be applied.
 * - `channel_behind` — the channel's last seen status, mapped, is less
 *   advanced than the canonical status (we shipped it, Joom still says
 *   approved): a command's effect is not (yet) visible on the channel.
 * - `channel_ahead` — the channel's last seen status, mapped, is more advanced
 *   than the canonical status (Akinon says shipped, we still say ready): a
 *   channel change was seen but the order did not follow it.
 *
 * One order may drift in several ways at once; it then yields one item per kind.
 */
export const DRIFT_KINDS = ['flexport_shipped_not_on_channel', 'provider_ahead', 'channel_behind', 'channel_ahead'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** One disagreement of one order with one remote system. */
export interface DriftItem {
  orderId: string;
  channel: Channel;
  externalId: string;
  kind: DriftKind;
  canonicalStatus: OrderStatus;
  /** The remote system's raw status: Flexport's `internalStatus` or the channel's own status value. */
  remoteStatus: string;
  /** One sentence for the operator. */
  detail: string;
  /** When the order last changed (`updatedAt`): the drift is at most this old. */
  since: string;
}

/** A remote system's raw status → canonical status table (the adapters' `*_STATUS_MAP`). */
export type StatusTable = Readonly<Record<string, OrderStatus>>;

/** The status tables findDrift reads, chosen once from the configuration. */
export interface DriftTables {
  /** Raw channel status → canonical, per sales channel (Joom: the configured API version's table). */
  channels: Readonly<Record<'joom' | 'akinon', StatusTable>>;
  /** Flexport `internalStatus` → canonical. */
  flexport: StatusTable;
}
