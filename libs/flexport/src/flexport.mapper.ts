import { ProviderError, ProviderOrder } from '@app/adapters';
import { CanonicalOrder, isClosedLineStatus, OrderLine, Shipment } from '@app/orders';
import { parseExternalOrderId } from './flexport.attempt';
import { meanUnitPrice, toAmount, unitPriceOf } from './flexport.customs';
import { FlexportOrderUnmappableError } from './flexport.errors';
import { mapFlexportStatus } from './flexport-status.map';
import { provinceCodeFor } from './flexport.province';
import { FlexportAddress, FlexportCreateOrderRequest, FlexportLineItem, FlexportOrder, FlexportShipment } from './flexport.types';

export interface CreateRequestOptions {
  /** This attempt's `externalOrderId` (flexport.attempt.ts); the gateway order id when not given. */
  externalOrderId?: string;
  shipMethod?: string;
  /** Gateway SKU → Flexport `logisticsSku` (DSKU); a SKU not in the map is sent as is. */
  skuMap?: Readonly<Record<string, string>>;
  /** Flexport `source` (the originating marketplace), e.g. "JOOM". */
  source?: string | null;
  /** Clock for the "promised times must be in the future" rule. */
  now?: number;
  /** Only these gateway lines (a fulfil naming lines, or the lines no fulfil has taken; docs/api-decisions.md FX-9); every open line when absent. */
  lineIds?: readonly string[];
}

/**
 * Canonical order → `POST /orders` body. Whitelisted: only the fields below
 * are sent. Knowingly not sent (no canonical source, or not needed):
 * address.company, deliveryDays, duties, isSubscriptionOrder, packingSlipUrl,
 * dropShipData, lineItems[].lineItemDropShipData. The canonical address email
 * has no field in Flexport's Address. `customsUnitValue` is the one number
 * made from money, here at the boundary (flexport.customs.ts).
 */
export function toCreateOrderRequest(order: CanonicalOrder, options: CreateRequestOptions = {}): FlexportCreateOrderRequest {
  const request: FlexportCreateOrderRequest = {
    address: toAddress(order),
    // Deterministic per order and attempt, so a retried create can only ever
    // collide with itself (409 → resolved by external id); docs/api-decisions.md FX-1.
    externalOrderId: options.externalOrderId ?? order.id,
    lineItems: [],
  };
  request.lineItems = toLineItems(order, request.address.countryCode, options.skuMap ?? {}, options.lineIds);
  const { shipBy, deliverBy } = promisedTimes(order, options.now ?? Date.now());
  if (shipBy) request.promisedShipByTime = shipBy;
  if (deliverBy) request.promisedDeliveryByTime = deliverBy;
  if (options.source) request.source = options.source;
  if (options.shipMethod) request.shipMethod = options.shipMethod;
  return request;
}

function toAddress(order: CanonicalOrder): FlexportAddress {
  const address = order.shippingAddress;
  if (!address) throw new FlexportOrderUnmappableError(order.id, 'shippingAddress', 'is missing');
  const street = address.lines.map((line) => line.trim()).filter((line) => line !== '');
  if (street.length === 0) throw new FlexportOrderUnmappableError(order.id, 'shippingAddress.lines', 'has no street line');
  for (const field of ['name', 'city', 'countryCode'] as const) {
    if (!address[field]?.trim()) throw new FlexportOrderUnmappableError(order.id, `shippingAddress.${field}`, 'is empty');
  }
  const result: FlexportAddress = { name: address.name, address1: street[0], city: address.city, countryCode: address.countryCode };
  // Flexport has two street lines; any further canonical lines are kept in address2.
  if (street.length > 1) result.address2 = street.slice(1).join(', ');
  const provinceCode = provinceCodeFor(address.countryCode, address.region);
  if (provinceCode) result.provinceCode = provinceCode;
  if (address.postalCode) result.zip = address.postalCode;
  if (address.phone) result.phone = address.phone;
  return result;
}

/**
 * Open lines only (cancelled/rejected items are not shipped, nor an item
 * whose cancel is under way, docs/api-decisions.md AK-10), and of those only
 * `lineIds` when given (FX-9); one line item
 * per logisticsSku, with its customs value (docs/api-decisions.md FX-6).
 * Flexport needs that value for a destination outside the US: a line with
 * no price is then refused here, by name, rather than given an invented one.
 */
function toLineItems(order: CanonicalOrder, countryCode: string, skuMap: Readonly<Record<string, string>>, lineIds: readonly string[] | undefined): FlexportLineItem[] {
  const bySku = new Map<string, { quantity: number; prices: { price: string; quantity: number }[]; unpriced: OrderLine | null }>();
  for (const line of order.lines) {
    if (isClosedLineStatus(line.status) || line.status === 'cancelling' || line.quantity < 1) continue;
    if (lineIds && !lineIds.includes(line.id)) continue;
    const logisticsSku = Object.prototype.hasOwnProperty.call(skuMap, line.sku) ? skuMap[line.sku] : line.sku;
    const entry = bySku.get(logisticsSku) ?? { quantity: 0, prices: [], unpriced: null };
    entry.quantity += line.quantity;
    const price = unitPriceOf(line);
    if (price === null) entry.unpriced ??= line;
    else entry.prices.push({ price, quantity: line.quantity });
    bySku.set(logisticsSku, entry);
  }
  if (bySku.size === 0) throw new FlexportOrderUnmappableError(order.id, 'lines', 'has no open line to fulfil');
  const currency = order.money.currency?.trim().toUpperCase() ?? '';
  const customsRequired = countryCode.trim().toUpperCase() !== 'US';
  return [...bySku].map(([logisticsSku, entry]) => {
    const item: FlexportLineItem = { logisticsSku, quantity: entry.quantity };
    if (entry.unpriced === null && /^[A-Z]{3}$/.test(currency)) {
      item.customsUnitValue = { amount: toAmount(meanUnitPrice(entry.prices)), currencyCode: currency };
    } else if (customsRequired) {
      const why = `Flexport needs customsUnitValue for destination ${countryCode}`;
      if (entry.unpriced) throw new FlexportOrderUnmappableError(order.id, `lines[${entry.unpriced.id}].unitPrice`, `(sku ${entry.unpriced.sku}) is missing; ${why}`);
      throw new FlexportOrderUnmappableError(order.id, 'money.currency', `is not an ISO 4217 code; ${why}`);
    }
    return item;
  });
}

/**
 * The document requires both promised times to be in the future and ship-by
 * before deliver-by. A late order must still ship, so a time already past
 * (or a ship-by not before the deliver-by) is left out rather than sent to
 * be refused.
 */
function promisedTimes(order: CanonicalOrder, now: number): { shipBy: string | null; deliverBy: string | null } {
  const future = (value: string | null): string | null => (value && Date.parse(value) > now ? value : null);
  const deliverBy = future(order.shippingConstraints.deliverBy);
  let shipBy = future(order.shippingConstraints.shipBy);
  if (shipBy && deliverBy && Date.parse(shipBy) >= Date.parse(deliverBy)) shipBy = null;
  return { shipBy, deliverBy };
}

/**
 * Flexport order → canonical provider order. Knowingly dropped: cost (a
 * double, and not canonical money), createdAt/updatedAt, lineItems,
 * promised times, source, state.fulfillmentStatus/fulfillmentDelayed/
 * fulfillmentInProgress, dropshipDetails, shipment ids/warehouse/estimates,
 * package ids/dimensions/lot numbers, label id/format/labelUrl/shippingMethod.
 */
export function toProviderOrder(raw: FlexportOrder, requestId: string | null): ProviderOrder {
  const rawStatus = raw.state.internalStatus;
  return {
    providerOrderId: raw.id,
    // Null only for orders created outside the gateway (the document allows it).
    externalOrderId: raw.externalOrderId ?? '',
    attempt: parseExternalOrderId(raw.externalOrderId ?? '').attempt,
    status: mapFlexportStatus(rawStatus),
    rawStatus,
    shipments: toShipments(raw),
    error: rawStatus === 'ERROR' ? toError(raw) : null,
    requestId,
  };
}

/** One canonical shipment per labelled package with a tracking code; cancelled shipments are not tracking anyone. */
export function toShipments(raw: FlexportOrder): Shipment[] {
  const result: Shipment[] = [];
  const seen = new Set<string>();
  for (const shipment of raw.shipments ?? []) {
    if (shipment.status === 'CANCELLED') continue;
    for (const pkg of shipment.packages ?? []) {
      const label = pkg.label;
      if (!label?.trackingCode) continue;
      const carrier = label.carrier ?? 'UNKNOWN';
      const key = `${carrier}\u0000${label.trackingCode}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({
        carrier,
        trackingNumber: label.trackingCode,
        trackingUrl: label.trackingUrl ?? null,
        shippedAt: pkg.carrierShipTime ?? shippedAt(shipment, raw),
        deliveredAt: pkg.carrierDeliveryTime ?? raw.deliveredAt ?? null,
      });
    }
  }
  return result;
}

function shippedAt(shipment: FlexportShipment, raw: FlexportOrder): string | null {
  return shipment.shippedAt ?? raw.shippedAt ?? null;
}

/** Only an order in ERROR is stuck; a cancelled order may still carry its old error, which no one must act on. */
function toError(raw: FlexportOrder): ProviderError {
  const error = raw.error;
  if (!error) return { type: 'UNKNOWN', code: null, message: 'Flexport reports ERROR without error details', retriable: false };
  const skus = (error.lineItemErrors ?? []).map((line) => line.logisticsSku).filter(Boolean);
  const message = error.message || error.type;
  return {
    type: error.type,
    code: error.code === null || error.code === undefined ? null : String(error.code),
    // The affected SKUs are what an operator needs to restock; keep them in the message.
    message: skus.length > 0 ? `${message} (logisticsSku: ${skus.join(', ')})` : message,
    retriable: error.retriable === true,
  };
}
