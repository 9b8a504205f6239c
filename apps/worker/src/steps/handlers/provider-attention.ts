import { ProviderOrder } from '@app/adapters';
import { Attention } from '@app/orders';

/** A Flexport order in ERROR (stockout, bad address…) needs a human; its error becomes the order's attention. */
export function attentionForProviderError(providerOrder: ProviderOrder, now: string): Attention | null {
  if (!providerOrder.error) return null;
  const { type, code, message, retriable } = providerOrder.error;
  return {
    code: 'fulfillment_error',
    message: `Flexport order ${providerOrder.providerOrderId} is in ERROR (${type}): ${message}`,
    since: now,
    details: { type, code, retriable, providerOrderId: providerOrder.providerOrderId },
  };
}

/**
 * Whether the order's flag is a Flexport ERROR set here (its details carry
 * the error's type), which a refresh clears once Flexport reports no error —
 * not another `fulfillment_error` (Flexport cancelled the order by itself, a
 * stray order created meanwhile), which stays until a person acts.
 */
export function isProviderErrorAttention(attention: Attention | null | undefined): boolean {
  return attention?.code === 'fulfillment_error' && typeof attention.details?.type === 'string';
}
