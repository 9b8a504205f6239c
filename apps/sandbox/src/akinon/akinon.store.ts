import { Injectable } from '@nestjs/common';
import { deriveOrderStatus, formatAkinonTime } from './akinon.status';
import { AkinonAddress, AkinonCancellationPlan, AkinonOrder, AkinonOrderItem } from './akinon.types';

export interface AkinonDataSet {
  addresses: AkinonAddress[];
  orders: AkinonOrder[];
  items: AkinonOrderItem[];
  plans: AkinonCancellationPlan[];
}

/**
 * In-memory Akinon data. Maps keep insertion order, which is the listing order
 * of every endpoint (oldest first), so pages stay stable while data changes.
 */
@Injectable()
export class AkinonStore {
  readonly orders = new Map<string, AkinonOrder>();
  readonly items = new Map<string, AkinonOrderItem>();
  readonly plans = new Map<string, AkinonCancellationPlan>();
  readonly addresses = new Map<string, AkinonAddress>();
  private readonly itemsByOrder = new Map<string, AkinonOrderItem[]>();
  private readonly ordersByNumber = new Map<string, AkinonOrder>();
  private lastStampMs = 0;

  clear(): void {
    for (const map of [this.orders, this.items, this.plans, this.addresses, this.itemsByOrder, this.ordersByNumber]) map.clear();
  }

  load(data: AkinonDataSet): void {
    this.clear();
    for (const address of data.addresses) this.addresses.set(address.id, address);
    for (const order of data.orders) this.addOrder(order, []);
    for (const item of data.items) this.addItem(item);
    for (const plan of data.plans) this.plans.set(plan.id, plan);
  }

  addOrder(order: AkinonOrder, items: AkinonOrderItem[]): void {
    this.orders.set(order.id, order);
    this.ordersByNumber.set(order.number, order);
    this.itemsByOrder.set(order.id, []);
    for (const item of items) this.addItem(item);
  }

  addAddress(address: AkinonAddress): void {
    this.addresses.set(address.id, address);
  }

  addPlan(plan: AkinonCancellationPlan): void {
    this.plans.set(plan.id, plan);
  }

  itemsOf(orderId: string): AkinonOrderItem[] {
    return this.itemsByOrder.get(orderId) ?? [];
  }

  orderByNumber(number: string): AkinonOrder | undefined {
    return this.ordersByNumber.get(number);
  }

  /**
   * A timestamp strictly later than any handed out before, so a client that
   * polls with `updated_at__gt=<last seen>` never misses a change made within
   * the same millisecond.
   */
  stamp(): string {
    this.lastStampMs = Math.max(Date.now(), this.lastStampMs + 1);
    return formatAkinonTime(this.lastStampMs);
  }

  /** Recomputes the order's status from its items and bumps its updated_at. */
  touchOrder(order: AkinonOrder, stamp = this.stamp()): void {
    order.status = deriveOrderStatus(this.itemsOf(order.id).map((item) => item.status));
    order.updated_at = stamp;
  }

  private addItem(item: AkinonOrderItem): void {
    this.items.set(item.id, item);
    this.itemsByOrder.get(item.order)?.push(item);
  }
}
