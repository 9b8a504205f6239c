import { FilterSpec, filtersFor, withDocSpellings } from './django-filter';
import { AkinonStore } from './akinon.store';
import { AKINON_STATUSES, AkinonAddress, AkinonCancellationPlan, AkinonOrder, AkinonOrderItem, CANCELLATION_PLAN_STATUSES, PLAN_TYPES } from './akinon.types';

/**
 * The "Available Query Parameters" table of each endpoint in the document,
 * as data. `order` on order-items is an addition (a plain foreign-key filter).
 */
export function orderFilters(): FilterSpec<AkinonOrder>[] {
  const { filter, range } = filtersFor<AkinonOrder>();
  return [
    filter('number', 'string', (o) => o.number),
    filter('status', 'choice', (o) => o.status, 'exact', AKINON_STATUSES),
    filter('number__contains', 'string', (o) => o.number, 'contains'),
    filter('number__icontains', 'string', (o) => o.number, 'icontains'),
    ...range('date_placed', 'datetime', (o) => o.date_placed),
    ...range('amount', 'decimal', (o) => o.amount),
    ...range('discount_amount', 'decimal', (o) => o.discount_amount),
    // The example renders currencies lower-case ("usd") while the enum is upper-case: match either.
    filter('currency', 'string', (o) => o.currency, 'iexact'),
    filter('has_gift_box', 'bool', (o) => o.has_gift_box),
    ...range('created_at', 'datetime', (o) => o.created_at),
    ...range('updated_at', 'datetime', (o) => o.updated_at),
  ];
}

export function orderItemFilters(store: AkinonStore): FilterSpec<AkinonOrderItem>[] {
  const { filter, range } = filtersFor<AkinonOrderItem>();
  const order = (item: AkinonOrderItem): AkinonOrder | undefined => store.orders.get(item.order);
  return withDocSpellings([
    filter('order__number', 'string', (i) => order(i)?.number),
    filter('order__status', 'choice', (i) => order(i)?.status, 'exact', AKINON_STATUSES),
    filter('order__number__contains', 'string', (i) => order(i)?.number, 'contains'),
    filter('order__number__icontains', 'string', (i) => order(i)?.number, 'icontains'),
    filter('status', 'choice', (i) => i.status, 'exact', AKINON_STATUSES),
    ...range('order__date_placed', 'datetime', (i) => order(i)?.date_placed),
    ...range('price', 'decimal', (i) => i.price),
    ...range('retail_price', 'decimal', (i) => i.retail_price),
    ...range('discount_amount', 'decimal', (i) => i.discount_amount),
    filter('price_currency', 'string', (i) => i.price_currency, 'iexact'),
    ...range('created_at', 'datetime', (i) => i.created_at),
    ...range('updated_at', 'datetime', (i) => i.updated_at),
    filter('order', 'uuid', (i) => i.order),
  ]);
}

export function cancellationPlanFilters(store: AkinonStore): FilterSpec<AkinonCancellationPlan>[] {
  const { filter } = filtersFor<AkinonCancellationPlan>();
  return [
    filter('created_at__date', 'date', (p) => p.created_at, 'date'),
    filter('order__number', 'string', (p) => store.orders.get(p.order)?.number),
    filter('order', 'uuid', (p) => p.order),
    filter('order_items', 'uuid', (p) => p.order_items, 'has'),
    filter('shipping_refund_amount', 'decimal', (p) => p.shipping_refund_amount),
    filter('refund_amount', 'decimal', (p) => p.refund_amount),
    filter('discount_refund_amount', 'decimal', (p) => p.discount_refund_amount),
    filter('status', 'choice', (p) => p.status, 'exact', CANCELLATION_PLAN_STATUSES),
    filter('plan_type', 'choice', (p) => p.plan_type, 'exact', PLAN_TYPES),
    filter('invoice_number', 'string', (p) => p.invoice_number),
    filter('payment_plan', 'json', (p) => p.payment_plan),
  ];
}

const ADDRESS_STRINGS = ['email', 'phone_number', 'first_name', 'last_name', 'line', 'postcode', 'notes', 'company_name', 'tax_office', 'tax_no', 'identity_number'] as const;
const ADDRESS_REFS = ['id', 'country', 'city', 'township', 'district'] as const;

export function customerAddressFilters(): FilterSpec<AkinonAddress>[] {
  const { filter } = filtersFor<AkinonAddress>();
  return [
    ...ADDRESS_STRINGS.map((field) => filter(field, 'string', (a) => a[field])),
    ...ADDRESS_REFS.map((field) => filter(field, 'uuid', (a) => a[field])),
    filter('is_active', 'bool', (a) => a.is_active),
    filter('e_bill_taxpayer', 'bool', (a) => a.e_bill_taxpayer),
  ];
}
