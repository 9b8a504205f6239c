/**
 * Raw Flexport Logistics fulfillment-order shapes, as in
 * docs/vendor/flexport-fulfillment-orders-api.txt (version 2024-04).
 * Nullable where the document says "or null"; the adapter reads defensively.
 */

export interface FlexportAddress {
  address1: string;
  address2?: string | null;
  city: string;
  company?: string | null;
  countryCode: string;
  name: string;
  phone?: string | null;
  provinceCode?: string | null;
  zip?: string | null;
}

export interface FlexportLineItem {
  logisticsSku: string;
  quantity: number;
  customsUnitValue?: { amount: number; currencyCode: string } | null;
}

/** The create body the gateway sends: the document's request, minus what we knowingly drop (see flexport.mapper.ts). */
export interface FlexportCreateOrderRequest {
  address: FlexportAddress;
  externalOrderId: string;
  lineItems: FlexportLineItem[];
  promisedDeliveryByTime?: string;
  promisedShipByTime?: string;
  source?: string;
  shipMethod?: string;
}

export interface FlexportOrderError {
  code: number | string | null;
  lineItemErrors?: { logisticsSku: string }[] | null;
  message: string | null;
  retriable: boolean | null;
  /** STOCKOUT, BAD_ADDRESS, INVENTORY_ERR, UNSUPPORTED_DESTINATION, PARTIALLY_SHIPPED… */
  type: string;
}

export interface FlexportLabel {
  carrier: string | null;
  createdAt?: string | null;
  id?: string | null;
  labelFormat?: string | null;
  labelUrl?: string | null;
  packageDimensions?: Record<string, unknown> | null;
  shippingMethod?: string | null;
  trackingCode: string | null;
  trackingUrl: string | null;
}

export interface FlexportPackage {
  attemptedDeliveryTime?: string | null;
  carrierDeliveryTime?: string | null;
  carrierPickUpTime?: string | null;
  carrierShipTime?: string | null;
  createdAt?: string | null;
  id: string;
  label?: FlexportLabel | null;
  labelCreateTime?: string | null;
  lineItems?: { expirationDate?: string | null; logisticsSku: string; lotNumber?: string | null; quantity: number }[];
}

export interface FlexportShipment {
  packages: FlexportPackage[] | null;
  id: string;
  createdAt?: string | null;
  /** CREATED, WAREHOUSE, PARTIALLY_SHIPPED, SHIPPED, OVER_SHIPPED, NOT_SYNCED, CANCELLED, ERROR */
  status: string | null;
  estimatedDeliveryTime?: string | null;
  lineItems?: { logisticsSku: string; quantity: number }[];
  shippedAt?: string | null;
  estimatedShipTime?: string | null;
  labelPrintTime?: string | null;
  warehouseId?: string | null;
  warehouseOrderId?: string | null;
}

/** A fulfillment order as every read and command endpoint answers it. */
export interface FlexportOrder {
  address: FlexportAddress;
  cost?: number | null;
  id: string;
  createdAt?: string | null;
  updatedAt?: string | null;
  error?: FlexportOrderError | null;
  deliveredAt?: string | null;
  externalOrderId: string | null;
  lineItems: FlexportLineItem[];
  promisedDeliveryByTime?: string | null;
  promisedShipByTime?: string | null;
  shippedAt?: string | null;
  source?: string | null;
  state: {
    fulfillmentDelayed?: boolean | null;
    fulfillmentInProgress?: boolean | null;
    /** ROUTING_IN_PROGRESS, SHIPPED, DELIVERED, STOPPED */
    fulfillmentStatus?: string | null;
    /** CREATED, SHIPPED, DELIVERED, CANCELLED, ERROR; other values are kept raw (flexport-status.map.ts) */
    internalStatus: string;
  };
  shipments: FlexportShipment[] | null;
  dropshipDetails?: Record<string, unknown> | null;
}

/** RFC 7807 `application/problem+json`, the error body of every endpoint. */
export interface FlexportProblem {
  type?: string;
  title?: string;
  detail?: string;
  instance?: string;
  status?: number;
}

/** Known webhook event types (docs/vendor/real-api-facts.md); others are accepted and passed on as strings. */
export type FlexportWebhookEventType = 'Order.Shipped' | 'Order.Cancelled' | 'Shipment.Created' | 'Shipment.Shipped' | 'Shipment.Cancelled' | (string & {});

/** A webhook payload: it only says *that* something happened — fetch the order for details. */
export interface FlexportWebhookEvent {
  logisticsEventId: string;
  logisticsEventType: FlexportWebhookEventType;
  logisticsEventTime: string;
  orderId: string;
  externalOrderId: string | null;
}
