import { ProviderOrder } from '@app/adapters';
import { Attention, CanonicalOrder, forwardPath, FulfillmentPart, OrderLine, OrderStatus, rollUpStatus, settledShipByFlag } from '@app/orders';
import { Effect } from '../order-effects';
import { attentionForProviderError, isProviderErrorAttention } from './provider-attention';

/** Parts a refresh still reads: Flexport may move them on (not cancelled, not delivered). */
export function partsInFlight(order: CanonicalOrder): FulfillmentPart[] {
  return (order.fulfillment?.parts ?? []).filter((part) => part.providerStatus !== 'CANCELLED' && part.providerStatus !== 'DELIVERED');
}

/** Whether Flexport's answers change anything the order records of its parts. */
export function partsChanged(order: CanonicalOrder, remotes: ReadonlyMap<number, ProviderOrder>): boolean {
  const parts = order.fulfillment?.parts ?? [];
  const erroring = [...remotes.values()].some((remote) => remote.error !== null);
  return (
    erroring !== isProviderErrorAttention(order.attention) ||
    parts.some((part) => {
      const remote = remotes.get(part.attempt);
      return remote !== undefined && (remote.rawStatus !== part.providerStatus || remote.shipments.length !== part.shipments.length);
    })
  );
}

/**
 * A refresh of an order whose lines went in several Flexport orders
 * (docs/api-decisions.md FX-9): each part moves only its own lines — shipped,
 * delivered, or back to `ready` when Flexport cancelled a part the gateway did
 * not — and the order takes the roll-up of its lines (line-rollup.ts), so it
 * is `shipped` only once every open line has shipped.
 */
export function partsProgress(current: CanonicalOrder, remotes: ReadonlyMap<number, ProviderOrder>, now: string): Effect {
  let lines: OrderLine[] = current.lines;
  const notes: string[] = [];
  const droppedByFlexport: string[] = [];
  let attention: Attention | null = null;
  const parts = (current.fulfillment?.parts ?? []).map((part) => {
    const remote = remotes.get(part.attempt);
    if (!remote) return part;
    notes.push(`Flexport ${remote.providerOrderId} is ${remote.rawStatus}`);
    const to = remote.status;
    if (to === 'cancelled' && part.providerStatus !== 'CANCELLED') {
      // Flexport dropped a part we did not cancel: its lines are to fulfil again.
      droppedByFlexport.push(remote.providerOrderId);
      lines = lines.map((line) => (part.lineIds.includes(line.id) && line.status === 'fulfilling' ? { ...line, status: 'ready' } : line));
    } else if (to === 'shipped' || to === 'delivered') {
      lines = lines.map((line) => (part.lineIds.includes(line.id) && forwardPath(line.status, to)?.length ? { ...line, status: to } : line));
    }
    attention ??= attentionForProviderError(remote, now);
    return { ...part, providerStatus: remote.rawStatus, shipments: remote.shipments.length ? remote.shipments : part.shipments };
  });
  const latest = parts[parts.length - 1];
  const status = rollUpStatus(lines);
  if (droppedByFlexport.length > 0) {
    attention = { code: 'fulfillment_error', message: `Flexport cancelled order ${droppedByFlexport.join(', ')}; its lines are ready to fulfil again`, since: now };
  }
  const moved: CanonicalOrder = {
    ...current,
    status,
    lines,
    fulfillment: { ...current.fulfillment!, providerOrderId: latest.providerOrderId, providerStatus: latest.providerStatus, shipments: parts.flatMap((part) => part.shipments), parts },
    attention: attention ?? (isProviderErrorAttention(current.attention) ? null : current.attention),
    updatedAt: now,
  };
  const order = status === current.status ? moved : { ...moved, attention: settledShipByFlag(moved) };
  return { order, transitions: edges(current.status, status), note: notes.join('; '), requestId: [...remotes.values()][0]?.requestId ?? null };
}

/** The table edges from one rolled-up status to the next: forward along the table, or the one edge back (fulfilling → ready). */
function edges(from: OrderStatus, to: OrderStatus): { from: OrderStatus; to: OrderStatus }[] | undefined {
  if (from === to) return undefined;
  const path = forwardPath(from, to);
  if (!path) return [{ from, to }];
  return path.map((next, i) => ({ from: i === 0 ? from : path[i - 1], to: next }));
}
