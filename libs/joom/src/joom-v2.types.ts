/**
 * Joom merchant API v2, order part: the raw shapes with the document's own
 * field names (snake_case; numbers arrive as strings). Every field is
 * optional beyond the id because a real payload may omit any of them.
 */

/** The document's response envelope: `code` 0 = success, anything else is a failure, even on HTTP 200. */
export interface JoomV2Envelope<T = unknown> {
  code: number | string;
  data: T;
  message?: string;
  /** Error responses only: "A unique human readable representation of the error" (e.g. "not_found"). */
  type?: string;
  /** Full URLs; the document spells the backward link `prev` in one place and `previous` in another. */
  paging?: { next?: string; prev?: string; previous?: string };
}

export interface JoomV2ShippingDetail {
  name?: string;
  street_address1?: string;
  street_address2?: string;
  city?: string;
  state?: string;
  country?: string;
  zipcode?: string;
  phone_number?: string;
}

/** "Other Order Attributes" and "Shipping Detail Attributes" of the document. */
export interface JoomV2Order {
  order_id: string;
  ShippingDetail?: JoomV2ShippingDetail;
  buyer_id?: string;
  transaction_id?: string;
  order_time?: string;
  last_updated?: string;
  /** "APPROVED" | "SHIPPED" | "REFUNDED" | "REQUIRE_REVIEW" (others are kept raw and not guessed). */
  state: string;
  cost?: string;
  shipping_cost?: string;
  order_total?: string;
  product_id?: string;
  product_name?: string;
  product_image_url?: string;
  variant_id?: string;
  sku?: string;
  price?: string;
  shipping?: string;
  quantity?: string;
  color?: string;
  size?: string;
  days_to_fulfill?: string;
  hours_to_fulfill?: string;
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

/** Orders come wrapped: `{"Order": {...}}`, alone (`order`) or in a list (`order/multi-get`). */
export interface JoomV2OrderWrapper {
  Order: JoomV2Order;
}
