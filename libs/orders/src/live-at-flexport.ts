import { CanonicalOrder } from './order.types';

/**
 * The order has a Flexport order that can still ship: created there (it has
 * Flexport's id) and not cancelled there. Cancelling such an order, wholly or
 * by a marketplace's cancellation plan, must cancel at Flexport too.
 */
export function isLiveAtFlexport(order: Pick<CanonicalOrder, 'fulfillment'>): boolean {
  return order.fulfillment?.provider === 'flexport' && !!order.fulfillment.providerOrderId && order.fulfillment.providerStatus !== 'CANCELLED';
}
