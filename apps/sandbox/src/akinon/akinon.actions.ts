import { ActionError, requiredString } from '../core/action-error';
import { SeededRandom } from '../core/prng';
import { UnknownActionError } from '../core/simulator';
import { AkinonCommands } from './akinon.commands';
import { locationsFile } from './akinon.locations';
import { FIRST_ORDER_NUMBER, makeAddress } from './akinon.generator';
import { AkinonOrderFactory } from './akinon.order-factory';
import { AkinonStore } from './akinon.store';
import { AKINON_STATUS, AKINON_STATUSES, AkinonAddress, AkinonOrderItem, AkinonStatus, CANCELLATION_PLAN_STATUSES, CancellationPlanStatus, PLAN_TYPES, PlanType } from './akinon.types';

/** Changes "made by the marketplace", driven from `POST /__sandbox/akinon/actions/{action}`. */
export function runAkinonAction(deps: { store: AkinonStore; commands: AkinonCommands; rng: SeededRandom }, action: string, params: Record<string, unknown>): unknown {
  const { store, commands } = deps;
  switch (action) {
    case 'set-item-status': {
      const status = statusParam(params.status);
      const itemId = typeof params.itemId === 'string' ? params.itemId : undefined;
      const orderId = typeof params.orderId === 'string' ? params.orderId : undefined;
      if (!itemId && !orderId) throw new ActionError('"itemId" or "orderId" is required');
      return commands.setItemStatus({ itemId, orderId }, status);
    }
    case 'create-cancellation-plan': {
      const order = store.orders.get(requiredString(params, 'orderId'));
      if (!order) throw new ActionError('order not found', 404);
      const status = planStatusParam(params.status ?? 'waiting');
      const planType = planTypeParam(params.planType ?? 'cancel');
      return commands.createCancellationPlan(order, planItems(store, order.id, params.itemIds), status, planType);
    }
    case 'set-cancellation-plan-status': {
      const plan = store.plans.get(requiredString(params, 'planId'));
      if (!plan) throw new ActionError('plan not found', 404);
      plan.status = planStatusParam(params.status);
      commands.applyPlan(plan);
      return plan;
    }
    case 'create-order':
      return createOrder(deps, params);
    // The table that resolves every generated address's uuids, for the gateway's AKINON_LOCATIONS_FILE (AK-6).
    case 'locations':
      return locationsFile();
    // The customer changed the order's shipping address: the row changes and the order counts as updated.
    case 'set-address': {
      const order = store.orders.get(requiredString(params, 'orderId'));
      const address = order ? store.addresses.get(order.shipping_address) : undefined;
      if (!order || !address) throw new ActionError('order or its shipping address not found', 404);
      Object.assign(address, addressParam(params.address ?? {}));
      store.touchOrder(order);
      return address;
    }
    default:
      throw new UnknownActionError('akinon', action);
  }
}

function createOrder(deps: { store: AkinonStore; rng: SeededRandom }, params: Record<string, unknown>): unknown {
  const { store, rng } = deps;
  const status = params.status === undefined ? AKINON_STATUS.APPROVED : statusParam(params.status);
  const lines = params.items;
  if (lines !== undefined && (!Array.isArray(lines) || lines.some((line) => !isLine(line)))) {
    throw new ActionError('"items" must be a list of {sku, price: "12.34"}');
  }
  const count = Array.isArray(lines) ? lines.length : Number(params.itemCount ?? 2);
  if (!Number.isInteger(count) || count < 1 || count > 50) throw new ActionError('an order needs 1..50 items');
  const number = typeof params.number === 'string' ? params.number : nextNumber(store);
  if (store.orderByNumber(number)) throw new ActionError(`order number ${number} exists`, 409);
  const address = makeAddress(rng, addressParam(params.address));
  store.addAddress(address);
  const now = Date.now();
  const built = new AkinonOrderFactory(rng, 'sandbox').build({
    number,
    itemStatuses: Array(count).fill(status),
    shippingAddress: address.id,
    billingAddress: address.id,
    placedMs: now - 130_000,
    updatedMs: now - 1000,
    lines: lines as { sku: string; price: string }[] | undefined,
    currency: typeof params.currency === 'string' ? params.currency.toLowerCase() : undefined,
  });
  store.addOrder(built.order, built.items);
  store.touchOrder(built.order);
  for (const item of built.items) item.updated_at = built.order.updated_at;
  return { order: built.order, items: built.items, address };
}

/** `address`: fields of the customer address to set, e.g. `{ "city": "<unknown uuid>" }` or `{ "country": null }`. */
function addressParam(value: unknown): Partial<AkinonAddress> {
  if (value === undefined) return {};
  const fields = ['line', 'postcode', 'country', 'city', 'township', 'district'];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ActionError('"address" must be an object');
  for (const [key, field] of Object.entries(value)) {
    if (!fields.includes(key)) throw new ActionError(`"address" may set only ${fields.join(', ')}`);
    const nullable = key !== 'line' && key !== 'postcode';
    if (typeof field !== 'string' && !(nullable && field === null)) throw new ActionError(`"address.${key}" must be a string${nullable ? ' or null' : ''}`);
  }
  return value as Partial<AkinonAddress>;
}

function nextNumber(store: AkinonStore): string {
  let number = FIRST_ORDER_NUMBER + store.orders.size;
  while (store.orderByNumber(String(number))) number++;
  return String(number);
}

function isLine(value: unknown): boolean {
  const line = value as { sku?: unknown; price?: unknown } | null;
  return typeof line?.sku === 'string' && typeof line.price === 'string' && /^\d+(\.\d{1,2})?$/.test(line.price);
}

function statusParam(value: unknown): AkinonStatus {
  if (!AKINON_STATUSES.includes(value as AkinonStatus)) throw new ActionError(`"status" must be one of ${AKINON_STATUSES.join(', ')}`);
  return value as AkinonStatus;
}

/**
 * The items a plan names: `itemIds` (each an item of that order), else every
 * item not yet cancelled or rejected. A plan names items, never "the order"
 * (the document's `order_items: list(uuid)`).
 */
function planItems(store: AkinonStore, orderId: string, ids: unknown): AkinonOrderItem[] {
  if (ids !== undefined && (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string'))) {
    throw new ActionError('"itemIds" must be a non-empty list of item ids');
  }
  if (ids === undefined) {
    const live = store.itemsOf(orderId).filter((item) => item.status !== AKINON_STATUS.CANCELLED && item.status !== AKINON_STATUS.REJECTED);
    if (live.length === 0) throw new ActionError('no cancellable items of that order', 409);
    return live;
  }
  return (ids as string[]).map((id) => {
    const item = store.items.get(id);
    if (!item || item.order !== orderId) throw new ActionError(`item ${id} is not an item of that order`, 404);
    return item;
  });
}

function planTypeParam(value: unknown): PlanType {
  if (!PLAN_TYPES.includes(value as PlanType)) throw new ActionError(`"planType" must be one of ${PLAN_TYPES.join(', ')}`);
  return value as PlanType;
}

function planStatusParam(value: unknown): CancellationPlanStatus {
  if (!CANCELLATION_PLAN_STATUSES.includes(value as CancellationPlanStatus)) {
    throw new ActionError(`"status" must be one of ${CANCELLATION_PLAN_STATUSES.join(', ')}`);
  }
  return value as CancellationPlanStatus;
}
