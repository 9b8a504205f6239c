import { CanonicalOrder, FulfillmentPart } from './order.types';

/**
 * The order has a Flexport order that can still ship: created there (it has
 * Flexport's id) and not cancelled there — any of its parts when its lines
 * went in several (docs/api-decisions.md FX-9). Cancelling such an order,
 * wholly or by a marketplace's cancellation plan, must cancel at Flexport too.
 */
export function isLiveAtFlexport(order: Pick<CanonicalOrder, 'fulfillment'>): boolean {
  if (order.fulfillment?.provider !== 'flexport') return false;
  if (order.fulfillment.parts?.length) return liveFlexportParts(order).length > 0;
  return !!order.fulfillment.providerOrderId && order.fulfillment.providerStatus !== 'CANCELLED';
}

/** The parts of a split Flexport fulfilment that are not cancelled there; empty for an order fulfilled in one Flexport order. */
export function liveFlexportParts(order: Pick<CanonicalOrder, 'fulfillment'>): FulfillmentPart[] {
  return (order.fulfillment?.parts ?? []).filter((part) => part.providerStatus !== 'CANCELLED');
}
