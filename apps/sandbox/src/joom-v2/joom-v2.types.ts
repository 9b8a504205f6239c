/** The raw v2 shapes, with the document's own field names (snake_case, strings everywhere). */

/** Every state the v2 document lists. `set-state` may still store an unknown one on purpose. */
export const JOOM_V2_STATES = ['APPROVED', 'REQUIRE_REVIEW', 'SHIPPED', 'REFUNDED'] as const;
export type JoomV2State = (typeof JOOM_V2_STATES)[number];

export interface JoomV2ShippingDetail {
  name: string;
  street_address1: string;
  street_address2?: string;
  city: string;
  state: string;
  country: string;
  zipcode: string;
  phone_number: string;
}

/** An order as stored; `days_to_fulfill`/`hours_to_fulfill` are added when rendered (they depend on now). */
export interface JoomV2Order {
  ShippingDetail: JoomV2ShippingDetail;
  order_id: string;
  buyer_id: string;
  transaction_id: string;
  order_time: string;
  last_updated: string;
  state: string;
  cost: string;
  shipping_cost: string;
  order_total: string;
  product_id: string;
  product_name: string;
  product_image_url: string;
  variant_id: string;
  sku: string;
  price: string;
  shipping: string;
  quantity: string;
  color?: string;
  size?: string;
  shipped_date?: string;
  shipping_provider?: string;
  tracking_number?: string;
  shipping_time?: string;
  ship_note?: string;
  refunded_by?: string;
  refunded_time?: string;
  refunded_reason?: string;
  refunded_note?: string;
}

export interface JoomV2RenderedOrder extends JoomV2Order {
  days_to_fulfill?: string;
  hours_to_fulfill?: string;
}

/** The document's envelope; `paging` only when there is another page. */
export interface JoomV2Envelope<T = unknown> {
  code: number;
  data: T;
  message: string;
  paging?: { next?: string; prev?: string };
}

/** Document: "Refund Reason Codes" plus -1 = other (then reason_note is required). */
export const JOOM_V2_REFUND_REASONS: Readonly<Record<string, string>> = {
  '1': 'Store is unable to fulfill order',
  '2': 'Product is out of stock',
  '3': 'Customer provided the wrong address information',
  '-1': 'Other',
};

/** Document: "Order not fulfilled will be automatically refunded" — the window we count down. */
export const JOOM_V2_FULFILL_WINDOW_DAYS = 7;

/** The document's timestamp format: UTC, seconds, no zone suffix ("2013-12-06T20:20:20"). */
export function v2Time(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Parses a `v2Time` string (or a bare date "2014-01-20", as `since` allows) as UTC. */
export function parseV2Time(value: string): number | null {
  const match = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/.exec(value);
  if (!match) return null;
  const ms = Date.parse(`${match[1] ? value : `${value}T00:00:00`}Z`);
  return Number.isNaN(ms) ? null : ms;
}
