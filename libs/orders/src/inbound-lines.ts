import { forwardPath } from './order-state-machine';
import { OrderStatus } from './order-status';
import { Attention, OrderLine } from './order.types';

/** A line as an adapter maps it: `status` is null when the raw value is not in the mapping table. */
export type InboundLine = Omit<OrderLine, 'status'> & { status: OrderStatus | null };

/** A problem found while applying a snapshot; becomes the order's attention. */
export type InboundFlag = Pick<Attention, 'code' | 'message'> & { details: Record<string, unknown> };

export interface ResolvedLines {
  lines: OrderLine[];
  flags: InboundFlag[];
  /** True when at least one line moved forward, i.e. the lines themselves are news. */
  moved: boolean;
}

export function unmappedFlag(rawStatus: string | null, lineId?: string): InboundFlag {
  const where = lineId ? `line ${lineId}` : 'order';
  return {
    code: 'unmapped_status',
    message: `Channel status "${rawStatus}" (${where}) is not in the mapping table; state kept`,
    details: lineId ? { rawStatus, lineId } : { rawStatus },
  };
}

export function regressedFlag(from: OrderStatus, to: OrderStatus, rawStatus: string | null, lineId?: string): InboundFlag {
  const where = lineId ? `Line ${lineId}` : 'Order';
  return {
    code: 'status_regressed',
    message: `${where} is ${from} but the channel reports "${rawStatus}" (${to}), a backward move; state kept`,
    details: lineId ? { from, to, rawStatus, lineId } : { from, to, rawStatus },
  };
}

/** Pairs snapshot lines with stored ones: by gateway line id, else by the channel's line id. */
function findStored(stored: readonly OrderLine[], line: InboundLine): OrderLine | undefined {
  return stored.find((s) => s.id === line.id) ?? stored.find((s) => s.externalLineId === line.externalLineId);
}

/**
 * Merges snapshot lines into the stored ones. `pickStatus` decides each
 * line's status from (stored line or undefined, snapshot line). Stored lines
 * the snapshot omits are kept (a partial payload must not delete data); new
 * lines are appended in snapshot order.
 */
export function mergeLines(stored: readonly OrderLine[], incoming: readonly InboundLine[], pickStatus: (storedLine: OrderLine | undefined, line: InboundLine) => OrderStatus): OrderLine[] {
  const merged = stored.map((line) => ({ ...line }));
  for (const line of incoming) {
    const match = findStored(stored, line);
    const status = pickStatus(match, line);
    if (match) {
      const index = stored.indexOf(match);
      merged[index] = { ...match, ...line, id: match.id, status };
    } else {
      merged.push({ ...line, status });
    }
  }
  return merged;
}

/** Line states a return (an Akinon `refund` plan) puts a shipped line in. */
const RETURN_SIDE: readonly OrderStatus[] = ['returning', 'returned'];
const SHIPPED_SIDE: readonly OrderStatus[] = ['shipped', 'delivered'];

/**
 * True when the channel still reports a returned line as shipped or
 * delivered: Akinon's item statuses have no return codes, the return is known
 * from its refund plan, so the item keeps its code (docs/api-decisions.md
 * AK-11). The channel is behind by design, not going backwards.
 */
function returnNotInItemStatus(stored: OrderStatus, reported: OrderStatus): boolean {
  return RETURN_SIDE.includes(stored) && SHIPPED_SIDE.includes(reported);
}

/** Line states a provider (Flexport) moves a line through while the channel still says `ready`. */
export const AT_PROVIDER: readonly OrderStatus[] = ['fulfilling', 'shipped', 'delivered'];

/**
 * Per-line forward-only rule (Akinon items): each line moves only along a
 * rank-increasing path; an unmapped or backward line keeps its stored status
 * and yields a flag. Not flagged, because the channel is behind by design: a
 * returned line still reported as shipped (AK-11), and, when `atProvider`
 * (the order was handed to Flexport, which the channel knows nothing of), a
 * line at the provider still reported `ready`. A new line with an unmapped
 * status takes `fallback`.
 */
export function resolveLines(stored: readonly OrderLine[], incoming: readonly InboundLine[], fallback: OrderStatus, atProvider = false): ResolvedLines {
  const flags: InboundFlag[] = [];
  let moved = false;
  const lines = mergeLines(stored, incoming, (match, line) => {
    const lineId = match?.id ?? line.id;
    if (line.status === null) {
      flags.push(unmappedFlag(line.channelStatus, lineId));
      return match?.status ?? fallback;
    }
    if (!match || match.status === line.status) return line.status;
    if (forwardPath(match.status, line.status)) {
      moved = true;
      return line.status;
    }
    if (returnNotInItemStatus(match.status, line.status)) return match.status;
    if (atProvider && line.status === 'ready' && AT_PROVIDER.includes(match.status)) return match.status;
    flags.push(regressedFlag(match.status, line.status, line.channelStatus, lineId));
    return match.status;
  });
  return { lines, flags, moved };
}
