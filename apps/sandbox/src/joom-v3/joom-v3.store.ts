import { Injectable } from '@nestjs/common';
import { ActionError } from '../core/action-error';
import { HOUR_MS } from '../joom-shared/sample-order';
import { JOOM_V3_STORE_ID } from './joom-v3.generator';
import { JoomV3Error } from './joom-v3.errors';
import { compareByUpdate, Cursor, isAfter } from './joom-v3.paging';
import { JOOM_V3_FULFILL_WINDOW_DAYS, JoomV3RenderedOrder, StoredV3Order, V3_ORDER_ID, v3Time } from './joom-v3.types';

export type V3ListKind = 'multi' | 'unfulfilled';

export interface V3ListQuery {
  kind: V3ListKind;
  updatedFromMs: number | null;
  after: Cursor | null;
  limit: number;
}

/** The v3 store's orders: lookup with Joom's 400/403/404 distinctions, lists, and timestamp upkeep. */
@Injectable()
export class JoomV3Store {
  private readonly orders = new Map<string, StoredV3Order>();

  replaceAll(orders: StoredV3Order[]): void {
    this.orders.clear();
    for (const stored of orders) this.orders.set(stored.order.id, stored);
  }

  add(stored: StoredV3Order): void {
    if (this.orders.has(stored.order.id)) throw new ActionError(`order ${stored.order.id} already exists`, 409);
    this.orders.set(stored.order.id, stored);
  }

  size(): number {
    return this.orders.size;
  }

  ids(): Set<string> {
    return new Set(this.orders.keys());
  }

  /** This store's order `id` (a query parameter, so it may be missing, repeated or malformed). */
  get(id: unknown, field = 'id'): StoredV3Order {
    if (typeof id !== 'string' || id === '') throw JoomV3Error.invalidArgument(field, `Invalid argument \`${field}\`: an order ID is required`);
    if (!V3_ORDER_ID.test(id)) throw JoomV3Error.invalidArgument(field, `Invalid argument \`${field}\`: expected valid order ID, got \`${id}\``);
    const stored = this.orders.get(id);
    if (!stored) throw JoomV3Error.notFound(`Order with ID '${id}' not found`);
    if (stored.order.storeId !== JOOM_V3_STORE_ID) throw JoomV3Error.forbidden(`Order '${id}' belongs to another store`);
    return stored;
  }

  /** For the control plane: any order of any store, or ActionError 404. */
  getAny(id: string): StoredV3Order {
    const stored = this.orders.get(id);
    if (!stored) throw new ActionError(`no joom-v3 order ${id}`, 404);
    return stored;
  }

  /** For the control plane: drops an order (ActionError 404 when there is none) and returns it. */
  remove(id: string): StoredV3Order {
    const stored = this.getAny(id);
    this.orders.delete(id);
    return stored;
  }

  /** One page plus whether more follow; `unfulfilled` = approved orders awaiting the merchant. */
  list(query: V3ListQuery): { items: StoredV3Order[]; more: boolean } {
    const matching = [...this.orders.values()]
      .filter(
        (s) =>
          s.order.storeId === JOOM_V3_STORE_ID &&
          (query.kind === 'multi' || s.order.status === 'approved') &&
          (query.updatedFromMs === null || s.updatedMs >= query.updatedFromMs) &&
          (query.after === null || isAfter(s, query.after)),
      )
      .sort(compareByUpdate);
    return { items: matching.slice(0, query.limit), more: matching.length > query.limit };
  }

  /**
   * Records a change. The timestamp strictly increases even within one
   * millisecond, so a client that synced up to the old value still sees it.
   */
  touch(stored: StoredV3Order, status?: string): StoredV3Order {
    if (status !== undefined) stored.order.status = status;
    stored.updatedMs = Math.max(Date.now(), stored.updatedMs + 1);
    stored.order.updateTimestamp = v3Time(stored.updatedMs);
    return stored;
  }
}

/** `daysToFulfill`/`hoursToFulfill` count down to the fulfillment deadline; only approved orders have one. */
export function renderV3Order(stored: StoredV3Order, now: number): JoomV3RenderedOrder {
  if (stored.order.status !== 'approved') return stored.order;
  const hours = Math.max(0, Math.ceil((stored.orderMs + JOOM_V3_FULFILL_WINDOW_DAYS * 24 * HOUR_MS - now) / HOUR_MS));
  return { ...stored.order, daysToFulfill: Math.floor(hours / 24), hoursToFulfill: hours };
}
