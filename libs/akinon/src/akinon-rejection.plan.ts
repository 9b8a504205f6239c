import { AKINON_CANCEL_DONE_CODES, AKINON_REJECTABLE_CODES, AKINON_REJECTED } from './akinon-status.map';
import { lineIdOf } from './akinon-values';
import { AkinonOrderItem } from './akinon.types';

/**
 * `reject` rejects items; `cancel` is "reject every item that can still be
 * rejected", so for it an item already cancelled or waiting for
 * cancellation carries the effect too.
 */
export type RejectionMode = 'reject' | 'cancel';

export interface RejectionTarget {
  lineId: string;
  item: AkinonOrderItem;
}

export interface RejectionPlan {
  /** Send `POST order-items/{id}/reject/` for these. */
  send: RejectionTarget[];
  /** Already show the effect: nothing to send. */
  done: RejectionTarget[];
  /** Picked automatically but past the point of rejection (packaged or later): reported, not sent. */
  notRejectable: RejectionTarget[];
}

const CANCELLED = 800;

/**
 * Decides, from the items as Akinon shows them now, what a command must
 * still do. `itemIds` null = the adapter picks: every item that can still be
 * rejected. Items named explicitly are sent whatever their status, so a
 * refusal carries Akinon's own message.
 */
export function planRejection(items: readonly AkinonOrderItem[], mode: RejectionMode, itemIds: readonly string[] | null): RejectionPlan {
  const doneCodes = mode === 'cancel' ? AKINON_CANCEL_DONE_CODES : [AKINON_REJECTED];
  const plan: RejectionPlan = { send: [], done: [], notRejectable: [] };
  const targets = itemIds === null ? items : items.filter((item) => itemIds.includes(item.id));
  for (const item of targets) {
    const target = { lineId: lineIdOf(item.id), item };
    if (doneCodes.includes(item.status)) plan.done.push(target);
    else if (itemIds !== null || AKINON_REJECTABLE_CODES.includes(item.status)) plan.send.push(target);
    // A whole-order reject leaves items the customer cancelled alone: they are closed, not ours to reject.
    else if (mode === 'reject' && item.status === CANCELLED) continue;
    else plan.notRejectable.push(target);
  }
  return plan;
}

/** Item codes that, seen after a refused reject, mean a concurrent duplicate already did it. */
export function showsEffect(item: AkinonOrderItem | undefined, mode: RejectionMode): boolean {
  if (!item) return false;
  return (mode === 'cancel' ? AKINON_CANCEL_DONE_CODES : [AKINON_REJECTED]).includes(item.status);
}
