import { CanonicalOrder, OrderStatus, rollUpStatus, STATUS_RANK } from '@app/orders';
import { DriftItem, DriftTables, StatusTable } from './drift.types';

type Finding = Pick<DriftItem, 'kind' | 'remoteStatus' | 'detail'>;

/** Flexport statuses after which the buyer should see the shipment on the channel. */
const SHIPPED_AT_FLEXPORT: readonly string[] = ['SHIPPED', 'DELIVERED'];

/**
 * Canonical states no channel is told about, with what the channel then
 * rightly still shows: an order at Flexport is `fulfilling` while the channel
 * says ready (the gateway pushes nothing until it ships), and `delivered`
 * comes from the carrier while the channel may still say shipped. Comparing
 * ranks alone would report every such order as `channel_behind`.
 */
const CHANNEL_LAGS_BY_DESIGN: Partial<Record<OrderStatus, readonly OrderStatus[]>> = {
  fulfilling: ['ready'],
  delivered: ['shipped'],
};

const CHANNEL_NAMES = { joom: 'Joom', akinon: 'Akinon' } as const;

/**
 * Every way `order` disagrees with its channel or with Flexport (see
 * DriftKind for each kind), one item per kind, from the stored order alone —
 * no remote call. Raw statuses not in their table are skipped: the order
 * already carries an `unmapped_status` attention for them.
 *
 * The channel checks compare the order-level raw status: for Akinon, whose
 * canonical status is rolled up from the items, a partly shipped order whose
 * Akinon order code already says shipped shows as `channel_ahead`.
 */
export function findDrift(order: CanonicalOrder, tables: DriftTables): DriftItem[] {
  return [shippedNotOnChannel(order), providerAhead(order, tables.flexport), channelDrift(order, tables)]
    .filter((finding): finding is Finding => finding !== null)
    .map((finding) => ({
      orderId: order.id,
      channel: order.channel,
      externalId: order.externalId,
      canonicalStatus: order.status,
      since: order.updatedAt,
      ...finding,
    }));
}

function shippedNotOnChannel(order: CanonicalOrder): Finding | null {
  const fulfillment = order.fulfillment;
  if (order.channel !== 'joom' || fulfillment?.provider !== 'flexport' || fulfillment.trackingPushedAt) return null;
  const remote = fulfillment.providerStatus;
  if (remote === null || !SHIPPED_AT_FLEXPORT.includes(remote)) return null;
  return {
    kind: 'flexport_shipped_not_on_channel',
    remoteStatus: remote,
    detail: `Flexport reports ${remote} but the tracking was never pushed to Joom, so Joom does not show the shipment.`,
  };
}

function providerAhead(order: CanonicalOrder, table: StatusTable): Finding | null {
  const fulfillment = order.fulfillment;
  if (fulfillment?.provider !== 'flexport') return null;
  // Lines in several Flexport orders (docs/api-decisions.md FX-9): each part against its own lines, not the order's roll-up.
  if (fulfillment.parts?.length) {
    for (const part of fulfillment.parts) {
      const lines = order.lines.filter((line) => part.lineIds.includes(line.id));
      const finding = lines.length > 0 ? aheadOf(part.providerStatus, rollUpStatus(lines), table, ` (Flexport order ${part.providerOrderId}, its lines)`) : null;
      if (finding) return finding;
    }
    return null;
  }
  return aheadOf(fulfillment.providerStatus, order.status, table, '');
}

function aheadOf(raw: string | null, local: OrderStatus, table: StatusTable, which: string): Finding | null {
  if (raw === null) return null;
  const remote = lookup(table, raw);
  if (remote === null) return null;
  // `cancelled` outranks everything, so by rank alone any open order would be
  // "behind" a Flexport cancel; only one still being fulfilled there is.
  const ahead = remote === 'cancelled' ? local === 'fulfilling' : STATUS_RANK[remote] > STATUS_RANK[local];
  if (!ahead) return null;
  return { kind: 'provider_ahead', remoteStatus: raw, detail: `Flexport reports ${raw} (${remote}) while the order${which} is still ${local}.` };
}

function channelDrift(order: CanonicalOrder, tables: DriftTables): Finding | null {
  const channel = order.channel;
  // Flexport as a channel has no sales-channel status to compare.
  if (channel === 'flexport') return null;
  const raw = order.channelStatus;
  const remote = lookup(tables.channels[channel], raw);
  if (remote === null || remote === order.status) return null;
  const name = CHANNEL_NAMES[channel];
  const difference = STATUS_RANK[remote] - STATUS_RANK[order.status];
  if (difference > 0) {
    return { kind: 'channel_ahead', remoteStatus: raw, detail: `${name} already shows ${raw} (${remote}) while the order is still ${order.status}.` };
  }
  if (difference < 0 && !CHANNEL_LAGS_BY_DESIGN[order.status]?.includes(remote)) {
    return { kind: 'channel_behind', remoteStatus: raw, detail: `${name} still shows ${raw} (${remote}) while the order is ${order.status}.` };
  }
  // Equal ranks are different outcomes (cancelled / rejected), not progress.
  return null;
}

function lookup(table: StatusTable, raw: string | null | undefined): OrderStatus | null {
  return typeof raw === 'string' && Object.hasOwn(table, raw) ? table[raw] : null;
}
