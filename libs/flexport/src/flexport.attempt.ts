import { CanonicalOrder } from '@app/orders';

/**
 * Fulfilment attempts (docs/api-decisions.md FX-1). Each attempt to have
 * Flexport ship an order gets its own `externalOrderId`: the bare gateway id
 * for the first (so an order stored without an attempt still matches), then
 * `<gatewayOrderId>-<n>`. The attempt is kept on the canonical order's
 * fulfillment, so a retried or duplicated job of the same attempt computes
 * the same id and key, while an order Flexport cancelled gets a fresh one.
 */
export const FIRST_ATTEMPT = 1;

/** Gateway ids (`ord_<hex>`) contain no "-": the suffix cannot be confused with the id. */
const ATTEMPT_SUFFIX = /^(.+)-([1-9]\d{0,5})$/;

export function externalOrderIdFor(gatewayOrderId: string, attempt: number): string {
  return attempt <= FIRST_ATTEMPT ? gatewayOrderId : `${gatewayOrderId}-${attempt}`;
}

/** The gateway order id and attempt an `externalOrderId` names; the caller checks that the id is a gateway id. */
export function parseExternalOrderId(externalOrderId: string): { gatewayOrderId: string; attempt: number } {
  const match = ATTEMPT_SUFFIX.exec(externalOrderId);
  if (match && Number(match[2]) > FIRST_ATTEMPT) return { gatewayOrderId: match[1], attempt: Number(match[2]) };
  return { gatewayOrderId: externalOrderId, attempt: FIRST_ATTEMPT };
}

/**
 * The attempt a create for this order belongs to: the recorded one while its
 * Flexport order may be live (a repeat of the same create), the next one once
 * Flexport has cancelled it (docs/api-decisions.md FX-1). An order whose lines
 * went in several Flexport orders (`fulfillment.parts`, FX-9): the part that
 * already holds one of `lineIds` and is live (a repeat of its create), else
 * the next number after every one recorded — so a retry of a part's create
 * sends the same externalOrderId, and a part for other lines a new one.
 */
export function attemptFor(order: Pick<CanonicalOrder, 'fulfillment'>, lineIds: readonly string[] = []): number {
  const fulfillment = order.fulfillment;
  if (fulfillment?.provider !== 'flexport') return FIRST_ATTEMPT;
  const recorded = fulfillment.attempt ?? FIRST_ATTEMPT;
  const parts = fulfillment.parts ?? [];
  if (parts.length === 0) return fulfillment.providerStatus === 'CANCELLED' ? recorded + 1 : recorded;
  const holder = parts.find((part) => part.providerStatus !== 'CANCELLED' && part.lineIds.some((id) => lineIds.includes(id)));
  if (holder) return holder.attempt;
  return Math.max(recorded, ...parts.map((part) => part.attempt)) + 1;
}

/** Every attempt number the order has recorded (its latest and each part's): a create after a cancelled attempt steps over them. */
export function usedAttempts(order: Pick<CanonicalOrder, 'fulfillment'>): Set<number> {
  const fulfillment = order.fulfillment;
  if (fulfillment?.provider !== 'flexport') return new Set();
  return new Set([fulfillment.attempt ?? FIRST_ATTEMPT, ...(fulfillment.parts ?? []).map((part) => part.attempt)]);
}
