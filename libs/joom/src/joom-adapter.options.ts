import type { JoomCarrierMap } from './joom-carriers';

/** Deployment knobs of the Joom adapters; every one has a default that matches the documents. */
export interface JoomAdapterOptions {
  /** Per-request timeout (default: the shared HTTP client's). */
  timeoutMs?: number;
  /** `JOOM_CARRIER_MAP`: carrier names (Flexport's UPS, FedEx…) → names on Joom's accepted list (default none; docs/api-decisions.md CA-3). */
  carrierMap?: JoomCarrierMap;
  /** How long v3's `GET /shippers` answer is kept (default one hour; docs/api-decisions.md CA-2). */
  shippersTtlMs?: number;
  /** Page size when the caller gives none (default 100; Joom caps it at 500). */
  pageSize?: number;
  /** How far before the newest update seen the next poll starts (default 30 s). */
  resumeOverlapMs?: number;
  /**
   * v2 `shipping_time` for `order/fulfill-one` ("5-15" days), sent with every
   * fulfil: the document marks it Required (docs/api-decisions.md JO-1).
   * Default DEFAULT_JOOM_V2_SHIPPING_TIME; a value Joom would refuse stops the adapter's construction.
   */
  v2ShippingTime?: string;
  /** Currency of v2 amounts, which the document does not name (docs/api-decisions.md JO-4); default USD. */
  v2Currency?: string;
  /** v3 `orders/fulfillOnline` provider (default "Joom Logistics"). */
  onlineProvider?: string;
}

export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_ONLINE_PROVIDER = 'Joom Logistics';
