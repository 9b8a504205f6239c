import { isClosedLineStatus } from './line-rollup';
import { OrderStatus } from './order-status';

/** Open lines no fulfil has taken yet: what a fulfil (without `lines`, or naming them) may still send. */
export const UNFULFILLED_LINE_STATUSES: readonly OrderStatus[] = ['pending', 'on_hold', 'ready'];

/** Lines a fulfil has taken: handed to a provider, shipped, or on the returns side after shipping. */
const TAKEN_LINE_STATUSES: readonly OrderStatus[] = ['fulfilling', 'shipped', 'delivered', 'returning', 'returned'];

export type FulfilmentProgress = 'unfulfilled' | 'partially_fulfilled' | 'fulfilled' | 'closed';

/**
 * What the order's lines say beside its rolled-up status (docs/api-decisions.md
 * LP-1): derived on every read, never stored. The status stays the state
 * machine's (the least advanced open line, line-rollup.ts); this says whether
 * the lines differ and what a fulfil may still send.
 */
export interface LineProgress {
  /** The lines are not all in one status: the order's status is a roll-up that hides a difference (a line rejected, some lines shipped). */
  partial: boolean;
  /** `unfulfilled`: no open line taken by a fulfil; `partially_fulfilled`: some taken, some still to fulfil; `fulfilled`: every open line taken; `closed`: every line cancelled or rejected. */
  fulfilment: FulfilmentProgress;
  /** Open lines no fulfil has taken yet (pending, on hold, ready): what `fulfill` sends without `lines`, and what `lines` may name. */
  unfulfilledLineIds: string[];
  /** Line ids by status, each status once, in the order of the lines. */
  linesByStatus: Partial<Record<OrderStatus, string[]>>;
}

export function unfulfilledLineIds(order: { lines: ReadonlyArray<{ id: string; status: OrderStatus }> }): string[] {
  return order.lines.filter((line) => UNFULFILLED_LINE_STATUSES.includes(line.status)).map((line) => line.id);
}

export function lineProgress(order: { lines: ReadonlyArray<{ id: string; status: OrderStatus }> }): LineProgress {
  const linesByStatus: Partial<Record<OrderStatus, string[]>> = {};
  for (const line of order.lines) (linesByStatus[line.status] ??= []).push(line.id);
  const unfulfilled = unfulfilledLineIds(order);
  const taken = order.lines.some((line) => TAKEN_LINE_STATUSES.includes(line.status));
  let fulfilment: FulfilmentProgress;
  if (order.lines.every((line) => isClosedLineStatus(line.status))) fulfilment = 'closed';
  else if (!taken) fulfilment = 'unfulfilled';
  else fulfilment = unfulfilled.length > 0 ? 'partially_fulfilled' : 'fulfilled';
  return { partial: Object.keys(linesByStatus).length > 1, fulfilment, unfulfilledLineIds: unfulfilled, linesByStatus };
}
