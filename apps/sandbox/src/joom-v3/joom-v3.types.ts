/** The raw v3 shapes (camelCase, ids as 8 upper-case alphanumerics, RFC 3339 UTC timestamps). */

/** Every state in joom-orders-overview.txt. `set-state` may also store others (e.g. `refunded`). */
export const JOOM_V3_STATES = [
  'approved',
  'fulfilledOnline',
  'shipped',
  'cancelled',
  'paidByJoomRefund',
  'returnInitiated',
  'returnExpired',
  'returnArrived',
  'returnCompleted',
  'returnDeclined',
] as const;
export type JoomV3State = (typeof JOOM_V3_STATES)[number];

export const ONLINE_SHIPPING_REQUIREMENTS = ['onlineOnly', 'offlineOnly', 'offlineOrOnline'] as const;
export type OnlineShippingRequirement = (typeof ONLINE_SHIPPING_REQUIREMENTS)[number];

export const CANCEL_REASONS = ['outOfStock', 'unableToFulfill'] as const;

export const V3_ORDER_ID = /^[A-Z0-9]{8}$/;

export interface JoomV3Address {
  name: string;
  phoneNumber: string;
  email: string;
  country: string;
  state: string;
  city: string;
  streetAddress1: string;
  streetAddress2?: string;
  zipCode: string;
}

export interface JoomV3Shipment {
  provider: string;
  providerId: string;
  trackingNumber: string;
  /** Online shipping only: the carrier's waybill number and the first-mile shipper. */
  shippingOrderNumber?: string;
  shipperName?: string;
  fulfilledTimestamp: string;
  shippedTimestamp?: string;
}

export type OnlineShipment = JoomV3Shipment & Required<Pick<JoomV3Shipment, 'shippingOrderNumber' | 'shipperName'>>;

export interface JoomV3Order {
  id: string;
  storeId: string;
  transactionId: string;
  status: string;
  currency: string;
  quantity: number;
  orderTimestamp: string;
  updateTimestamp: string;
  onlineShippingRequirement: OnlineShippingRequirement;
  product: {
    id: string;
    sku: string;
    name: string;
    mainImage: string;
    variant: { id: string; sku: string; size?: string; color?: string };
  };
  priceInfo: { unitPrice: string; shippingPrice: string; orderPrice: string; refundAmount: string };
  shippingAddress: JoomV3Address;
  shipment?: JoomV3Shipment;
  refund?: { by: 'merchant' | 'joom'; reason?: string; note?: string; timestamp: string };
  return?: { timestamp: string; declineReason?: string };
}

/** Added when rendered: they count down with the clock. */
export interface JoomV3RenderedOrder extends JoomV3Order {
  daysToFulfill?: number;
  hoursToFulfill?: number;
}

export interface StoredV3Order {
  order: JoomV3Order;
  orderMs: number;
  /** `updateTimestamp` as a number: the cursor sorts on it. */
  updatedMs: number;
}

/** Orders must be fulfilled within this many days of being placed (drives `hoursToFulfill`). */
export const JOOM_V3_FULFILL_WINDOW_DAYS = 7;

export function v3Time(ms: number): string {
  return new Date(ms).toISOString();
}
