/** Raw Flexport Logistics fulfillment-order shapes (docs/vendor/flexport-fulfillment-orders-api.txt). */

export type InternalStatus = 'CREATED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'ERROR';
export type FulfillmentStatus = 'ROUTING_IN_PROGRESS' | 'SHIPPED' | 'DELIVERED' | 'STOPPED';
export type ShipmentStatus = 'CREATED' | 'WAREHOUSE' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'OVER_SHIPPED' | 'NOT_SYNCED' | 'CANCELLED' | 'ERROR';

/** `error.type` values with the code and retriability the sandbox gives them. */
export const ORDER_ERROR_TYPES = {
  STOCKOUT: { code: 1001, retriable: true, message: 'Insufficient inventory to fulfill the order' },
  INVENTORY_ERR: { code: 1002, retriable: true, message: 'Inventory could not be allocated' },
  BAD_ADDRESS: { code: 1003, retriable: false, message: 'The shipping address could not be validated' },
  UNSUPPORTED_DESTINATION: { code: 1004, retriable: false, message: 'Destination is not supported' },
  PARTIALLY_SHIPPED: { code: 1005, retriable: false, message: 'Only part of the order could be shipped' },
} as const;
export type OrderErrorType = keyof typeof ORDER_ERROR_TYPES;
export const ORDER_ERROR_TYPE_NAMES = Object.keys(ORDER_ERROR_TYPES) as OrderErrorType[];

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

export interface FlexportOrderError {
  code: number;
  lineItemErrors: { logisticsSku: string }[];
  message: string;
  retriable: boolean;
  type: OrderErrorType;
}

export interface FlexportLabel {
  carrier: string;
  createdAt: string;
  id: string;
  labelFormat: 'PDF';
  labelUrl: string;
  packageDimensions: { height: number; length: number; lengthUnit: 'in'; weight: number; weightUnit: 'oz'; width: number };
  shippingMethod: string;
  trackingCode: string;
  trackingUrl: string;
}

export interface FlexportPackage {
  attemptedDeliveryTime: string | null;
  carrierDeliveryTime: string | null;
  carrierPickUpTime: string | null;
  carrierShipTime: string | null;
  createdAt: string;
  id: string;
  label: FlexportLabel;
  labelCreateTime: string;
  lineItems: { expirationDate: string | null; logisticsSku: string; lotNumber: string | null; quantity: number }[];
}

export interface FlexportShipment {
  packages: FlexportPackage[];
  id: string;
  createdAt: string;
  status: ShipmentStatus;
  estimatedDeliveryTime: string | null;
  lineItems: { logisticsSku: string; quantity: number }[];
  shippedAt: string | null;
  estimatedShipTime: string | null;
  labelPrintTime: string | null;
  warehouseId: string;
  warehouseOrderId: string;
}

/** A fulfillment order, key for key as the document's response example. */
export interface FlexportOrder {
  address: FlexportAddress;
  cost: number | null;
  id: string;
  createdAt: string;
  updatedAt: string;
  error: FlexportOrderError | null;
  deliveredAt: string | null;
  externalOrderId: string;
  lineItems: FlexportLineItem[];
  promisedDeliveryByTime: string | null;
  promisedShipByTime: string | null;
  shippedAt: string | null;
  source: string | null;
  state: {
    fulfillmentDelayed: boolean;
    fulfillmentInProgress: boolean;
    fulfillmentStatus: FulfillmentStatus;
    internalStatus: InternalStatus;
  };
  shipments: FlexportShipment[];
  dropshipDetails: Record<string, unknown> | null;
}

/** The validated create request. */
export interface CreateOrderInput {
  address: FlexportAddress;
  externalOrderId: string;
  lineItems: FlexportLineItem[];
  promisedDeliveryByTime: string | null;
  promisedShipByTime: string | null;
  source: string | null;
  shipMethod: string | null;
  dropShipData: Record<string, unknown> | null;
}
