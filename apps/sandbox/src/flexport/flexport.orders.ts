import { Injectable } from '@nestjs/common';
import { SideEffectLedger } from '../core/side-effect-ledger';
import { FlexportProblem } from './flexport.errors';
import { cancel, deliver, fail, LifecycleError, newOrder, present, retry, ship } from './flexport.lifecycle';
import { FlexportStore } from './flexport.store';
import { CreateOrderInput, FlexportOrder, ORDER_ERROR_TYPES, OrderErrorType } from './flexport.types';
import { FlexportWebhookSender } from './flexport.webhooks';

/** `logisticsSku: "SANDBOX-FAIL-STOCKOUT"` makes the new order fail at once with that error type. */
export const MAGIC_FAIL_SKU = /^SANDBOX-FAIL-([A-Z_]+)$/;

/**
 * Everything that happens to fulfillment orders, from the API or the control
 * plane, with its side-effect records and webhooks. API-facing methods throw
 * FlexportProblem; state refusals elsewhere surface as LifecycleError.
 */
@Injectable()
export class FlexportOrders {
  constructor(
    private readonly store: FlexportStore,
    private readonly ledger: SideEffectLedger,
    private readonly webhooks: FlexportWebhookSender,
  ) {}

  /** One order per externalOrderId, cancelled ones included: a repeat is a 409 (docs/api-decisions.md FX-1, FX-3). */
  create(input: CreateOrderInput): FlexportOrder {
    const existing = this.store.getByExternalId(input.externalOrderId);
    if (existing) {
      throw new FlexportProblem(409, `An order with externalOrderId "${input.externalOrderId}" already exists (id ${existing.id})`);
    }
    const now = Date.now();
    const order = newOrder(this.store.nextId(), input, now);
    this.store.add(order);
    this.ledger.record('flexport', order.externalOrderId, 'flexport_order_created');
    const magic = order.lineItems.map((line) => MAGIC_FAIL_SKU.exec(line.logisticsSku)?.[1]).find((type) => type && type in ORDER_ERROR_TYPES);
    if (magic) fail(order, magic as OrderErrorType, now);
    return present(order, now);
  }

  get(id: string): FlexportOrder {
    return present(this.found(this.store.get(id)), Date.now());
  }

  getByExternalId(externalOrderId: string): FlexportOrder {
    return present(this.found(this.store.getByExternalId(externalOrderId)), Date.now());
  }

  /** Cancelling a cancelled order is a no-op that answers the order (nothing is done twice). */
  cancel(id: string): FlexportOrder {
    const order = this.found(this.store.get(id));
    if (order.state.internalStatus !== 'CANCELLED') {
      this.asProblem(() => cancel(order, Date.now()));
      this.ledger.record('flexport', order.externalOrderId, 'flexport_order_cancelled');
      this.webhooks.emit('Order.Cancelled', order);
    }
    return present(order, Date.now());
  }

  retry(id: string): FlexportOrder {
    const order = this.found(this.store.get(id));
    this.asProblem(() => retry(order, Date.now()));
    this.ledger.record('flexport', order.externalOrderId, 'flexport_order_retried');
    return present(order, Date.now());
  }

  ship(order: FlexportOrder, carrier?: string): FlexportOrder {
    ship(order, Date.now(), carrier);
    this.webhooks.emit('Order.Shipped', order);
    return present(order, Date.now());
  }

  deliver(order: FlexportOrder): FlexportOrder {
    deliver(order, Date.now());
    return present(order, Date.now());
  }

  fail(order: FlexportOrder, type: OrderErrorType, overrides: { retriable?: boolean; message?: string }): FlexportOrder {
    fail(order, type, Date.now(), overrides);
    return present(order, Date.now());
  }

  /** One clock tick: every CREATED order ships, every SHIPPED one is delivered. */
  advance(): { shipped: string[]; delivered: string[] } {
    const toShip: FlexportOrder[] = [];
    const toDeliver: FlexportOrder[] = [];
    for (const order of this.store.orders.values()) {
      if (order.state.internalStatus === 'CREATED') toShip.push(order);
      else if (order.state.internalStatus === 'SHIPPED') toDeliver.push(order);
    }
    for (const order of toDeliver) this.deliver(order);
    for (const order of toShip) this.ship(order);
    return { shipped: toShip.map((order) => order.id), delivered: toDeliver.map((order) => order.id) };
  }

  private found(order: FlexportOrder | undefined): FlexportOrder {
    if (!order) throw new FlexportProblem(404, 'Order not found');
    return order;
  }

  private asProblem(change: () => void): void {
    try {
      change();
    } catch (error) {
      if (error instanceof LifecycleError) throw new FlexportProblem(400, error.message);
      throw error;
    }
  }
}
