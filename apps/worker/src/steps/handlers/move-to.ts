import { applyTransition, CanonicalOrder, ChannelProfile, OrderStatus } from '@app/orders';

/**
 * The command's move, tolerant of news that arrived meanwhile: when a sync
 * already brought the order to `to` (the channel shows our effect), the
 * step only adds its facts; any other state goes through the table.
 */
export function moveTo(current: CanonicalOrder, to: OrderStatus, now: string, profile?: ChannelProfile): CanonicalOrder {
  return current.status === to ? { ...current, updatedAt: now } : applyTransition(current, to, now, profile);
}
