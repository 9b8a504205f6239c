import { deriveSeed, SeededRandom } from '../core/prng';
import { CreateOrderInput, FlexportOrder, FlexportShipment, InternalStatus, ORDER_ERROR_TYPES, OrderErrorType } from './flexport.types';

/** A move the order's state does not allow (the API answers 400, the control plane 409). */
export class LifecycleError extends Error {}

const CARRIERS = [
  { carrier: 'USPS', method: 'USPS_PRIORITY', code: (r: SeededRandom) => `9400${r.digits(18)}`, url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=' },
  { carrier: 'UPS', method: 'UPS_GROUND', code: (r: SeededRandom) => `1Z${r.uuid().replace(/-/g, '').slice(0, 16).toUpperCase()}`, url: 'https://www.ups.com/track?tracknum=' },
  { carrier: 'FEDEX', method: 'FEDEX_HOME_DELIVERY', code: (r: SeededRandom) => r.digits(12), url: 'https://www.fedex.com/fedextrack/?trknbr=' },
  { carrier: 'DHL_ECOMMERCE', method: 'DHL_PARCEL_EXPEDITED', code: (r: SeededRandom) => `GM${r.digits(16)}`, url: 'https://webtrack.dhlglobalmail.com/?trackingnumber=' },
];
/** Flexport ships abroad with USPS (international) or DHL eCommerce; UPS and FedEx only within the US. */
const INTERNATIONAL_CARRIERS = CARRIERS.filter((carrier) => carrier.carrier === 'USPS' || carrier.carrier === 'DHL_ECOMMERCE');
/** A regional carrier no marketplace lists: only a test picks it (`ship` with `carrier`), never the clock. */
const REGIONAL_CARRIER = { carrier: 'ONTRAC', method: 'ONTRAC_GROUND', code: (r: SeededRandom) => `D${r.digits(14)}`, url: 'https://www.ontrac.com/tracking/?number=' };
/** Carrier codes a test may ask `ship` for. */
export const SHIP_CARRIER_CODES: readonly string[] = [...CARRIERS, REGIONAL_CARRIER].map((carrier) => carrier.carrier);
const iso = (ms: number): string => new Date(ms).toISOString();

export function newOrder(id: string, input: CreateOrderInput, now: number): FlexportOrder {
  const units = input.lineItems.reduce((sum, line) => sum + line.quantity, 0);
  return {
    address: input.address,
    cost: Math.round((4.35 + 1.27 * units) * 100) / 100,
    id,
    createdAt: iso(now),
    updatedAt: iso(now),
    error: null,
    deliveredAt: null,
    externalOrderId: input.externalOrderId,
    lineItems: input.lineItems,
    promisedDeliveryByTime: input.promisedDeliveryByTime,
    promisedShipByTime: input.promisedShipByTime,
    shippedAt: null,
    source: input.source,
    state: stateFor('CREATED'),
    shipments: [],
    dropshipDetails: input.dropShipData ? dropshipDetails(id, input.dropShipData) : null,
  };
}

/** The request's `dropShipData` comes back as the response's `dropshipDetails`, in the response's keys. */
function dropshipDetails(id: string, data: Record<string, unknown>): Record<string, unknown> {
  const keys = ['barCode', 'billingAddress', 'customMessage', 'customerOrderDate', 'customerOrderNo', 'reserved1', 'reserved2', 'retailerPurchaseOrderNo', 'shipMethod'];
  return { ...Object.fromEntries(keys.map((key) => [key, data[key] ?? null])), lineItemData: null, orderId: Number(id) };
}

function stateFor(status: InternalStatus): FlexportOrder['state'] {
  const fulfillmentStatus = status === 'CREATED' ? 'ROUTING_IN_PROGRESS' : status === 'SHIPPED' || status === 'DELIVERED' ? status : 'STOPPED';
  return { fulfillmentDelayed: false, fulfillmentInProgress: status === 'CREATED' || status === 'SHIPPED', fulfillmentStatus, internalStatus: status };
}

function assertStatus(order: FlexportOrder, allowed: InternalStatus[], verb: string): void {
  if (!allowed.includes(order.state.internalStatus)) {
    throw new LifecycleError(`Order ${order.id} is no longer in a valid state to be ${verb} (status ${order.state.internalStatus})`);
  }
}

function move(order: FlexportOrder, status: InternalStatus, now: number): void {
  order.state = stateFor(status);
  order.updatedAt = iso(now);
}

/**
 * CREATED → SHIPPED: one shipment, one package, a label whose carrier and
 * tracking derive from the order id — or with the carrier a test asks for
 * (one of SHIP_CARRIER_CODES).
 */
export function ship(order: FlexportOrder, now: number, carrier?: string): void {
  assertStatus(order, ['CREATED'], 'shipped');
  const rng = new SeededRandom(deriveSeed(0, order.id));
  const domestic = order.address.countryCode.toUpperCase() === 'US';
  const chosen = carrier === undefined ? undefined : [...CARRIERS, REGIONAL_CARRIER].find((known) => known.carrier === carrier);
  const pick = chosen ?? rng.pick(domestic ? CARRIERS : INTERNATIONAL_CARRIERS);
  const trackingCode = pick.code(rng);
  const lines = order.lineItems.map((line) => ({ logisticsSku: line.logisticsSku, quantity: line.quantity }));
  const shipment: FlexportShipment = {
    packages: [
      {
        attemptedDeliveryTime: null,
        carrierDeliveryTime: null,
        carrierPickUpTime: iso(now),
        carrierShipTime: iso(now),
        createdAt: iso(now - 3_600_000),
        id: `PKG-${order.id}-1`,
        labelCreateTime: iso(now - 3_600_000),
        label: {
          carrier: pick.carrier,
          createdAt: iso(now - 3_600_000),
          id: `LBL-${order.id}-1`,
          labelFormat: 'PDF',
          labelUrl: `https://labels.sandbox.flexport.local/${order.id}.pdf`,
          packageDimensions: { height: 4, length: 10, lengthUnit: 'in', weight: rng.int(4, 120), weightUnit: 'oz', width: 8 },
          shippingMethod: pick.method,
          trackingCode,
          trackingUrl: `${pick.url}${trackingCode}`,
        },
        lineItems: lines.map((line) => ({ ...line, expirationDate: null, lotNumber: null })),
      },
    ],
    id: `SHP-${order.id}-1`,
    createdAt: iso(now - 7_200_000),
    status: 'SHIPPED',
    estimatedDeliveryTime: iso(now + 3 * 86_400_000),
    lineItems: lines,
    shippedAt: iso(now),
    estimatedShipTime: iso(now),
    labelPrintTime: iso(now - 3_600_000),
    warehouseId: rng.pick(['WH-RENO-01', 'WH-ATL-02', 'WH-NJ-03']),
    warehouseOrderId: `WO-${rng.digits(9)}`,
  };
  order.shipments = [shipment];
  order.shippedAt = iso(now);
  move(order, 'SHIPPED', now);
}

export function deliver(order: FlexportOrder, now: number): void {
  assertStatus(order, ['SHIPPED'], 'delivered');
  for (const pkg of order.shipments.flatMap((shipment) => shipment.packages)) pkg.carrierDeliveryTime = iso(now);
  order.deliveredAt = iso(now);
  move(order, 'DELIVERED', now);
}

export function fail(order: FlexportOrder, type: OrderErrorType, now: number, overrides: { retriable?: boolean; message?: string } = {}): void {
  assertStatus(order, ['CREATED'], 'failed');
  const known = ORDER_ERROR_TYPES[type];
  const skuErrors = type === 'STOCKOUT' || type === 'INVENTORY_ERR' || type === 'PARTIALLY_SHIPPED';
  order.error = {
    code: known.code,
    lineItemErrors: skuErrors ? order.lineItems.slice(0, 1).map((line) => ({ logisticsSku: line.logisticsSku })) : [],
    message: overrides.message ?? known.message,
    retriable: overrides.retriable ?? known.retriable,
    type,
  };
  move(order, 'ERROR', now);
}

/** ERROR → CREATED, only when the error says a retry can help. */
export function retry(order: FlexportOrder, now: number): void {
  assertStatus(order, ['ERROR'], 'retried');
  if (order.error && !order.error.retriable) throw new LifecycleError(`Order ${order.id} failed with ${order.error.type}, which is not retriable`);
  order.error = null;
  move(order, 'CREATED', now);
}

export function cancel(order: FlexportOrder, now: number): void {
  assertStatus(order, ['CREATED', 'ERROR'], 'cancelled');
  move(order, 'CANCELLED', now);
}

/** Read-time view: `fulfillmentDelayed` depends on the clock, not on a stored flag. */
export function present(order: FlexportOrder, now: number): FlexportOrder {
  const view = structuredClone(order);
  const shipBy = order.promisedShipByTime ? Date.parse(order.promisedShipByTime) : NaN;
  view.state.fulfillmentDelayed = order.state.internalStatus === 'CREATED' && shipBy < now;
  return view;
}
