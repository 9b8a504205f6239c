/**
 * Raw shapes of the Akinon seller order API, field for field as in
 * docs/vendor/akinon-orders-api.txt. Decimals are strings (DRF's default);
 * `number` is accepted too because a deployment may render them as numbers.
 */
export type AkinonDecimal = string | number;

/** Django REST framework's page: `{count, next, previous, results}` (`next` is an absolute URL). */
export interface AkinonPage<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface AkinonOrder {
  id: string;
  number: string;
  datasource?: string;
  shipping_address: string | null;
  billing_address: string | null;
  date_placed: string;
  /** 100 … 900, see akinon-status.map.ts. */
  status: number;
  currency: string;
  amount: AkinonDecimal;
  discount_amount: AkinonDecimal | null;
  shipping_amount: AkinonDecimal | null;
  shipping_tax_rate: AkinonDecimal | null;
  refund_amount: AkinonDecimal | null;
  discount_refund_amount: AkinonDecimal | null;
  shipping_refund_amount: AkinonDecimal | null;
  invoice_number: string | null;
  invoice_date: string | null;
  e_archive_url: string | null;
  tracking_number: string | null;
  shipping_company: string | null;
  cargo_company: string | null;
  has_gift_box: boolean;
  gift_box_note: string | null;
  language_code: string | null;
  notes: string | null;
  delivery_range: string | null;
  shipping_option_slug: string | null;
  extra_field: Record<string, unknown> | null;
  /** "Waiting", "confirmation Waiting", … in the doc; the plan's snake_case value in practice. */
  cancel_status: string | null;
  shipping_interest_amount: AkinonDecimal | null;
  /** Not in the doc's schema, but its `created_at__*` / `updated_at__*` filters imply them (docs/api-decisions.md AK-4). */
  created_at?: string;
  updated_at?: string;
}

export interface AkinonOrderItem {
  id: string;
  order: string;
  sku: string;
  status: number;
  price_currency: string;
  price: AkinonDecimal;
  tax_rate: AkinonDecimal | null;
  invoice_number: string | null;
  invoice_date: string | null;
  e_archive_url: string | null;
  tracking_number: string | null;
  shipping_company: string | null;
  retail_price: AkinonDecimal | null;
  extra_field: Record<string, unknown> | null;
  estimated_delivery_date: string | null;
  discount_amount: AkinonDecimal | null;
  shipped_date: string | null;
  delivered_date: string | null;
  cancel_status: string | null;
  created_at?: string;
  updated_at?: string;
}

export interface AkinonCancellationPlan {
  id: string;
  order: string;
  order_items: string[];
  shipping_refund_amount: AkinonDecimal | null;
  refund_amount: AkinonDecimal | null;
  discount_refund_amount: AkinonDecimal | null;
  /** completed, waiting, waiting_supplier, approved, confirmation_waiting, confirmed, cancelled, failed, rejected, waiting_for_payment, manuel_refund_need. */
  status: string;
  plan_type: 'refund' | 'cancel' | string;
  invoice_number: string | null;
  payment_plan: unknown;
  created_at?: string;
  updated_at?: string;
}

export interface AkinonAddress {
  id: string;
  email: string | null;
  phone_number: string | null;
  first_name: string | null;
  last_name: string | null;
  line: string | null;
  is_active: boolean;
  postcode: string | null;
  notes: string | null;
  company_name: string | null;
  tax_office: string | null;
  tax_no: string | null;
  e_bill_taxpayer: boolean;
  identity_number: string | null;
  /** References (uuids) with no endpoint in the API to resolve them. */
  country: string | null;
  city: string | null;
  township: string | null;
  district: string | null;
}

/** An order with the rows it references, as the adapter reads it. */
export interface AkinonOrderBundle {
  order: AkinonOrder;
  items: AkinonOrderItem[];
  shippingAddress: AkinonAddress | null;
}
