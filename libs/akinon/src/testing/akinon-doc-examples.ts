import { AkinonAddress, AkinonCancellationPlan, AkinonOrder, AkinonOrderItem } from '../akinon.types';

/**
 * The example payloads of docs/vendor/akinon-orders-api.txt, verbatim
 * (ORI01, ORI02, CPI01, OCA01). Specs override single fields from here.
 */
export function docOrder(overrides: Partial<AkinonOrder> = {}): AkinonOrder {
  return {
    id: 'e819386c-b406-43dc-86c9-212ff633afe2',
    number: '45243493',
    datasource: '7371e321-9ae4-418d-8472-f4d13ce3da8d',
    shipping_address: 'a4c0eb06-9ad5-40a1-adc2-d4ea4a9aed32',
    billing_address: 'a4c0eb06-9ad5-40a1-adc2-d4ea4a9aed32',
    date_placed: '2019-01-01T00:00:00Z',
    status: 100,
    currency: 'usd',
    amount: '629.00',
    discount_amount: '0.00',
    shipping_amount: '0.00',
    shipping_tax_rate: null,
    refund_amount: '0.00',
    discount_refund_amount: '0.00',
    shipping_refund_amount: '0.00',
    invoice_number: null,
    invoice_date: null,
    e_archive_url: null,
    tracking_number: null,
    shipping_company: null,
    cargo_company: null,
    has_gift_box: false,
    gift_box_note: null,
    language_code: null,
    notes: null,
    delivery_range: null,
    shipping_option_slug: null,
    extra_field: {},
    cancel_status: null,
    shipping_interest_amount: '0.00',
    ...overrides,
  };
}

export function docItem(overrides: Partial<AkinonOrderItem> = {}): AkinonOrderItem {
  return {
    id: '33a11761-43bc-41d4-8f7f-1e860028367b',
    order: 'e819386c-b406-43dc-86c9-212ff633afe2',
    sku: 'SP-A',
    status: 600,
    price_currency: 'usd',
    price: '629.00',
    tax_rate: '0.00',
    invoice_number: null,
    invoice_date: null,
    e_archive_url: null,
    tracking_number: '5c0095dab3c087befe04c0d5a0155d3e',
    shipping_company: 'hbexpress',
    retail_price: null,
    extra_field: {},
    estimated_delivery_date: null,
    discount_amount: '0.00',
    shipped_date: '2019-01-01T00:00:00Z',
    delivered_date: '2019-01-01T00:00:00Z',
    cancel_status: null,
    ...overrides,
  };
}

export function docPlan(overrides: Partial<AkinonCancellationPlan> = {}): AkinonCancellationPlan {
  return {
    id: 'f0cf73ee-8e1e-4025-a03d-8499af3ee493',
    shipping_refund_amount: '1.00',
    refund_amount: '1.00',
    discount_refund_amount: '1.00',
    status: 'waiting',
    plan_type: 'cancel',
    invoice_number: '1234',
    payment_plan: {},
    order: '6e5877a9-5a03-48e6-8425-d4be178de83e',
    order_items: ['f35de315-61b5-4b13-b101-82c3f873bd1f', '5481430a-fb72-4d07-bb1d-81dcb9461c5d'],
    ...overrides,
  };
}

export function docAddress(overrides: Partial<AkinonAddress> = {}): AkinonAddress {
  return {
    id: '4c785dc6-0c69-4f84-aaa8-a34a932db75c',
    email: 'akinon@akinon.com',
    phone_number: '05555555555',
    first_name: 'Akinon',
    last_name: 'Akinon',
    line: 'Address Text',
    is_active: true,
    postcode: '34000',
    notes: 'note...',
    company_name: null,
    tax_office: null,
    tax_no: null,
    e_bill_taxpayer: false,
    identity_number: '11111111111',
    country: 'b08eb673-dcd4-483c-a8b9-59ed76b64a1b',
    city: '2e1adb7c-e1e8-471a-a483-0257d52fb0bc',
    township: '13a22409-e32b-4109-99bc-598ddc62c477',
    district: '35feab7e-4832-4d31-8448-2cbcd89092ea',
    ...overrides,
  };
}
