/**
 * Joom API v3 order shapes (camelCase; ids as `?id=`), per docs/vendor/real-api-facts.md and the
 * states of joom-orders-overview.txt. Optional beyond id/status: a real
 * payload may omit any field.
 */

/** Success bodies are `{data}`; lists put orders in `data.items` and the next page in top-level `paging.next`. */
export interface JoomV3Response<T> {
  data: T;
  paging?: { next?: string };
}

/** Failures: `{"errors":[{code, field?, message}]}`. */
export interface JoomV3ErrorBody {
  errors: { code?: string; field?: string; message?: string }[];
}

export type JoomV3ShippingRequirement = 'onlineOnly' | 'offlineOnly' | 'offlineOrOnline';

export interface JoomV3Address {
  name?: string;
  phoneNumber?: string;
  email?: string;
  country?: string;
  state?: string;
  city?: string;
  streetAddress1?: string;
  streetAddress2?: string;
  zipCode?: string;
}

export interface JoomV3Shipment {
  provider?: string;
  providerId?: string;
  trackingNumber?: string;
  /** Online shipping: the shipper's waybill number and first-mile shipper. */
  shippingOrderNumber?: string;
  shipperName?: string;
  fulfilledTimestamp?: string;
  shippedTimestamp?: string;
}

export interface JoomV3Order {
  id: string;
  status: string;
  storeId?: string;
  transactionId?: string;
  currency?: string;
  quantity?: number | string;
  orderTimestamp?: string;
  updateTimestamp?: string;
  onlineShippingRequirement?: JoomV3ShippingRequirement | string;
  product?: {
    id?: string;
    sku?: string;
    name?: string;
    mainImage?: string;
    variant?: { id?: string; sku?: string; size?: string; color?: string };
  };
  /** Names from docs/vendor/real-api-facts.md (`priceInfo{…}`) and the audit's public description (`discounts.sum`); docs/api-decisions.md JO-5. */
  priceInfo?: { unitPrice?: string; shippingPrice?: string; orderPrice?: string; refundAmount?: string; discounts?: { sum?: string } };
  shippingAddress?: JoomV3Address;
  shipment?: JoomV3Shipment;
  refund?: { by?: string; reason?: string; note?: string; timestamp?: string };
  return?: { timestamp?: string; declineReason?: string };
  daysToFulfill?: number;
  hoursToFulfill?: number;
}

/** `orders/fulfillOnline` answer. */
export interface JoomV3OnlineFulfillment {
  trackingNumber?: string;
  shippingOrderNumber?: string;
  shipperName?: string;
}
