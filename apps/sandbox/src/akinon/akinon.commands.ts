import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ActionError } from '../core/action-error';
import { formatCents, toCents } from '../core/decimal';
import { SideEffectLedger } from '../core/side-effect-ledger';
import { AkinonError } from './akinon.errors';
import { AkinonStore } from './akinon.store';
import { AKINON_STATUS, AkinonCancellationPlan, AkinonOrder, AkinonOrderItem, AkinonStatus, CancellationPlanStatus, PlanType, REJECTABLE_STATUSES } from './akinon.types';

const { PACKAGED, SHIPPED, DELIVERED, CANCELLATION_WAITING, CANCELLED, REJECTED } = AKINON_STATUS;
/** Item statuses whose goods have left the seller. */
const GOODS_LEFT: ReadonlySet<number> = new Set([SHIPPED, DELIVERED]);
/** Plan statuses that mean "cancellation under way" (items wait) vs "done" (items cancelled). */
const PLAN_PENDING = new Set<CancellationPlanStatus>(['waiting', 'waiting_supplier', 'approved', 'confirmation_waiting', 'confirmed', 'waiting_for_payment', 'manuel_refund_need']);

/** State changes of Akinon data: the seller's reject, and the marketplace's own moves. */
@Injectable()
export class AkinonCommands {
  constructor(
    private readonly store: AkinonStore,
    private readonly ledger: SideEffectLedger,
  ) {}

  /** `POST order-items/{id}/reject/`: only items not yet packaged can be rejected. */
  reject(itemId: string): void {
    const item = this.store.items.get(itemId);
    const order = item && this.store.orders.get(item.order);
    if (!item || !order) throw AkinonError.notFound();
    if (item.status === REJECTED) throw AkinonError.refused('Order item is already rejected.');
    if (!REJECTABLE_STATUSES.has(item.status)) {
      throw AkinonError.refused(item.status === PACKAGED ? 'Packaged order items cannot be rejected.' : `Order item in status ${item.status} cannot be rejected.`);
    }
    this.setStatus(order, [item], REJECTED);
    order.refund_amount = formatCents(toCents(order.refund_amount) + toCents(item.price));
    order.discount_refund_amount = formatCents(toCents(order.discount_refund_amount) + toCents(item.discount_amount));
    this.ledger.record('akinon', order.id, 'reject');
  }

  /** Moves items (one, or every item of an order) to `status`, filling in what that status implies. */
  setItemStatus(target: { itemId?: string; orderId?: string }, status: AkinonStatus): { order: AkinonOrder; items: AkinonOrderItem[] } {
    const single = target.itemId ? this.store.items.get(target.itemId) : undefined;
    const order = this.store.orders.get(single?.order ?? target.orderId ?? '');
    if (!order || (target.itemId && !single)) throw new ActionError('order or item not found', 404);
    this.setStatus(order, single ? [single] : this.store.itemsOf(order.id), status);
    return { order, items: this.store.itemsOf(order.id) };
  }

  /**
   * A plan for the items it names. A `cancel` plan cannot take back goods that
   * left (500 Shipped, 600 Delivered): those are refunded (docs/api-decisions.md AK-11).
   */
  createCancellationPlan(order: AkinonOrder, items: AkinonOrderItem[], status: CancellationPlanStatus, planType: PlanType): AkinonCancellationPlan {
    const shipped = items.filter((item) => GOODS_LEFT.has(item.status));
    if (planType === 'cancel' && shipped.length > 0) {
      throw new ActionError(`items ${shipped.map((item) => item.id).join(', ')} have shipped: a cancel plan cannot take them back, use a refund plan`, 409);
    }
    const stamp = this.store.stamp();
    const plan: AkinonCancellationPlan = {
      id: randomUUID(),
      shipping_refund_amount: '0.00',
      refund_amount: formatCents(items.reduce((sum, item) => sum + toCents(item.price), 0)),
      discount_refund_amount: formatCents(items.reduce((sum, item) => sum + toCents(item.discount_amount), 0)),
      status,
      plan_type: planType,
      invoice_number: null,
      payment_plan: {},
      order: order.id,
      order_items: items.map((item) => item.id),
      created_at: stamp,
    };
    this.store.addPlan(plan);
    this.applyPlan(plan);
    return plan;
  }

  /**
   * A plan's status (waiting → completed) carries through to the items it
   * names, and only those: each takes the plan's `cancel_status`; an item not
   * shipped yet moves to 700 Cancellation Waiting, then 800 Cancelled. A
   * refunded item that had shipped keeps its 500 / 600: the status enum has no
   * return codes, the refund shows in `cancel_status` and the plan
   * (docs/api-decisions.md AK-11).
   */
  applyPlan(plan: AkinonCancellationPlan): void {
    const order = this.store.orders.get(plan.order);
    if (!order) return;
    const items = plan.order_items.map((id) => this.store.items.get(id)).filter((item): item is AkinonOrderItem => !!item);
    const itemStatus = plan.status === 'completed' ? CANCELLED : PLAN_PENDING.has(plan.status) ? CANCELLATION_WAITING : null;
    for (const item of items) item.cancel_status = plan.status;
    order.cancel_status = plan.status;
    const moving = items.filter((item) => !(plan.plan_type === 'refund' && GOODS_LEFT.has(item.status)));
    const stamp = this.store.stamp();
    for (const item of items) item.updated_at = stamp;
    if (itemStatus && moving.length > 0) this.setStatus(order, moving, itemStatus);
    else this.store.touchOrder(order, stamp);
  }

  private setStatus(order: AkinonOrder, items: AkinonOrderItem[], status: AkinonStatus): void {
    const stamp = this.store.stamp();
    for (const item of items) {
      item.status = status;
      item.updated_at = stamp;
      if (status >= PACKAGED && status <= DELIVERED && !item.invoice_number) {
        item.invoice_number = `INV${order.number}`;
        item.invoice_date = stamp;
      }
      if ((status === SHIPPED || status === DELIVERED) && !item.tracking_number) {
        item.tracking_number = order.id.replace(/-/g, '').slice(0, 24);
        item.shipping_company = 'yurtici';
        item.shipped_date = stamp;
      }
      if (status === DELIVERED && !item.delivered_date) item.delivered_date = stamp;
    }
    const shipped = this.store.itemsOf(order.id).find((item) => item.tracking_number);
    if (shipped && !order.tracking_number) {
      order.tracking_number = shipped.tracking_number;
      order.shipping_company = order.cargo_company = shipped.shipping_company;
    }
    this.store.touchOrder(order, stamp);
  }
}
