/** Raw Akinon shapes, field for field as in docs/vendor/akinon-orders-api.txt. */

/** Order and order-item status codes (the document's enum). */
export const AKINON_STATUS = {
  APPROVE_WAITING: 100,
  APPROVED: 200,
  PACKAGE_WAITING: 300,
  PACKAGED: 400,
  SHIPPED: 500,
  DELIVERED: 600,
  CANCELLATION_WAITING: 700,
  CANCELLED: 800,
  REJECTED: 900,
} as const;
export type AkinonStatus = (typeof AKINON_STATUS)[keyof typeof AKINON_STATUS];
export const AKINON_STATUSES: AkinonStatus[] = Object.values(AKINON_STATUS);

/** "Packaged orders cannot be rejected": only items before packaging can be (docs/api-decisions.md AK-3). */
export const REJECTABLE_STATUSES: ReadonlySet<number> = new Set([100, 200, 300]);

export const CANCELLATION_PLAN_STATUSES = [
  'completed',
  'waiting',
  'waiting_supplier',
  'approved',
  'confirmation_waiting',
  'confirmed',
  'cancelled',
  'failed',
  'rejected',
  'waiting_for_payment',
  'manuel_refund_need',
] as const;
export type CancellationPlanStatus = (typeof CANCELLATION_PLAN_STATUSES)[number];
export const PLAN_TYPES = ['refund', 'cancel'] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

export interface AkinonAddress {
  id: string;
  email: string;
  phone_number: string;
  first_name: string;
  last_name: string;
  line: string;
  is_active: boolean;
  postcode: string;
  notes: string | null;
  company_name: string | null;
  tax_office: string | null;
  tax_no: string | null;
  e_bill_taxpayer: boolean;
  identity_number: string | null;
  country: string;
  city: string;
  /** Null where the place has none (the sandbox's non-Turkish places have no district). */
  township: string | null;
  district: string | null;
}

/** The document's example order plus `created_at` / `updated_at`, which its filters imply. */
export interface AkinonOrder {
  id: string;
  number: string;
  datasource: string;
  shipping_address: string;
  billing_address: string;
  date_placed: string;
  status: AkinonStatus;
  currency: string;
  amount: string;
  discount_amount: string;
  shipping_amount: string;
  shipping_tax_rate: string | null;
  refund_amount: string;
  discount_refund_amount: string;
  shipping_refund_amount: string;
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
  extra_field: Record<string, unknown>;
  cancel_status: string | null;
  shipping_interest_amount: string;
  created_at: string;
  updated_at: string;
}

export interface AkinonOrderItem {
  id: string;
  order: string;
  sku: string;
  status: AkinonStatus;
  price_currency: string;
  price: string;
  tax_rate: string;
  invoice_number: string | null;
  invoice_date: string | null;
  e_archive_url: string | null;
  tracking_number: string | null;
  shipping_company: string | null;
  retail_price: string | null;
  extra_field: Record<string, unknown>;
  estimated_delivery_date: string | null;
  discount_amount: string;
  shipped_date: string | null;
  delivered_date: string | null;
  cancel_status: string | null;
  created_at: string;
  updated_at: string;
}

export interface AkinonCancellationPlan {
  id: string;
  shipping_refund_amount: string;
  refund_amount: string;
  discount_refund_amount: string;
  status: CancellationPlanStatus;
  plan_type: PlanType;
  invoice_number: string | null;
  payment_plan: Record<string, unknown>;
  order: string;
  order_items: string[];
  created_at: string;
}
