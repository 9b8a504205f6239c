import { Attention, CanonicalOrder, isLiveAtFlexport, liveFlexportParts, OrderStatus } from '@app/orders';

/** What a cancellation plan asks of the Flexport order behind an Akinon order. */
export type PlanAtFlexport =
  | { kind: 'none' }
  /** Every line is cancelled or being cancelled: cancel the whole Flexport order. */
  | { kind: 'cancel' }
  /** Some lines only: Flexport cancels whole orders, so a person must change it (AK-12). */
  | { kind: 'flag'; attention: Attention };

/** Line states that need nothing more from Flexport. */
const CANCEL_SIDE: readonly OrderStatus[] = ['cancelling', 'cancelled', 'rejected'];
const CODE = 'partial_cancel_at_provider';

/**
 * Decides on the order as the plan left it (docs/api-decisions.md AK-12). A
 * plan that, with earlier ones, covers every line cancels the Flexport order;
 * a plan for some lines flags `partial_cancel_at_provider` naming them (and
 * the lines earlier partial plans named, so the flag lists every line the
 * Flexport order should no longer ship) and queues nothing. An order not live
 * at Flexport (never routed, cancelled there, or not created yet) needs nothing.
 */
export function planAtFlexport(order: CanonicalOrder, planLineIds: readonly string[], now: string): PlanAtFlexport {
  if (!isLiveAtFlexport(order)) return { kind: 'none' };
  // Lines in several Flexport orders (FX-9): only the lines a live part holds concern Flexport; the others were never sent.
  const parts = liveFlexportParts(order);
  const atFlexport = order.lines.filter((line) => parts.length === 0 || parts.some((part) => part.lineIds.includes(line.id)));
  if (atFlexport.every((line) => CANCEL_SIDE.includes(line.status))) return { kind: 'cancel' };
  const cancelled = atFlexport.filter((line) => planLineIds.includes(line.id) && (line.status === 'cancelling' || line.status === 'cancelled'));
  if (cancelled.length === 0) return { kind: 'none' };
  const earlier = order.attention?.code === CODE ? ((order.attention.details?.lineIds as string[] | undefined) ?? []) : [];
  const lineIds = order.lines.map((line) => line.id).filter((id) => earlier.includes(id) || cancelled.some((line) => line.id === id));
  const providerOrderId = parts.find((part) => part.lineIds.includes(cancelled[0].id))?.providerOrderId ?? order.fulfillment?.providerOrderId;
  const same = earlier.length === lineIds.length;
  return {
    kind: 'flag',
    attention: {
      code: CODE,
      message:
        `${order.channel} cancelled ${lineIds.length} of ${order.lines.length} lines (${lineIds.join(', ')}) but Flexport order ${providerOrderId} ` +
        'still holds them: Flexport cancels whole orders only, so change or cancel it there by hand',
      since: same && order.attention ? order.attention.since : now,
      details: { providerOrderId, lineIds },
    },
  };
}

/** The attention after a full cancel was queued: a partial-cancel flag is resolved by it. */
export function attentionAfterFullCancel(attention: Attention | null): Attention | null {
  return attention?.code === CODE ? null : attention;
}
