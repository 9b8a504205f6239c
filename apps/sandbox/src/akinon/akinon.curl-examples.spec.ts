import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CallLog } from '../core/call-log';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { AkinonModule } from './akinon.module';
import { AkinonSettings } from './akinon.settings';
import { AkinonSimulator } from './akinon.simulator';

/**
 * Replays every curl example of docs/vendor/akinon-orders-api.txt (headers
 * as written, the misspelt `Authentication` included) and compares the answer
 * with the document's example response: same keys, same value types.
 */
const TOKEN = SANDBOX_DEFAULT_TOKENS.akinon;
const EXTRA = ['created_at', 'updated_at']; // implied by the documented filters, rendered only with timestamps "implied" (AK-4)

const ORDER_EXAMPLE = {
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
};
const ITEM_EXAMPLE = {
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
};
const PLAN_EXAMPLE = {
  id: 'f0cf73ee-8e1e-4025-a03d-8499af3ee493',
  shipping_refund_amount: '1.00',
  refund_amount: '1.00',
  discount_refund_amount: '1.00',
  status: 'waiting',
  plan_type: 'cancel',
  invoice_number: '1234',
  payment_plan: {},
  order: '6e5877a9-5a03-48e6-8425-d4be178de83e',
  order_items: ['f35de315-61b5-4b13-b101-82c3f873bd1f'],
};
const ADDRESS_EXAMPLE = {
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
};

/** Every documented key is present with the example's type (null = nullable: any type allowed). */
function expectShape(actual: Record<string, unknown>, example: Record<string, unknown>, extra: string[] = []): void {
  expect(Object.keys(actual).sort()).toEqual([...Object.keys(example), ...extra].sort());
  for (const [key, value] of Object.entries(example)) {
    if (value === null || actual[key] === null) continue;
    expect([key, Array.isArray(actual[key]) ? 'array' : typeof actual[key]]).toEqual([key, Array.isArray(value) ? 'array' : typeof value]);
  }
}

describe('Akinon: the curl examples of the document', () => {
  let app: INestApplication;
  // Seeded so that lists hold every status (and thus every optional field filled in).
  beforeAll(async () => {
    app = await createSandboxTestApp([AkinonModule]);
    app.get(AkinonSimulator).seed(30, 3);
  });
  afterAll(() => app.close());

  const curlGet = (path: string) => request(app.getHttpServer()).get(path).set('Content-Type', 'application/json').set('Authentication', `Bearer ${TOKEN}`).expect(200);

  it.each([
    ['ORI01', '/api/i1/orders/', ORDER_EXAMPLE, []],
    ['ORI02', '/api/i1/order-items/', ITEM_EXAMPLE, []],
    ['CPI01', '/api/i1/cancellation-plans/', PLAN_EXAMPLE, []],
    ['OCA01', '/api/i1/customer-addresses/', ADDRESS_EXAMPLE, []],
  ])('%s GET %s answers {count, next, previous, results} in exactly the example shape', async (_id, path, example, extra) => {
    const res = await curlGet(path);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(res.body).sort()).toEqual(['count', 'next', 'previous', 'results']);
    expect(res.body.results.length).toBeGreaterThan(0);
    for (const row of res.body.results) expectShape(row, example as Record<string, unknown>, extra as string[]);
  });

  it.each([
    ['/api/i1/orders/', ORDER_EXAMPLE, EXTRA],
    ['/api/i1/order-items/', ITEM_EXAMPLE, EXTRA],
    ['/api/i1/cancellation-plans/', PLAN_EXAMPLE, ['created_at']],
  ])('with timestamps "implied", %s rows also carry the timestamps its filters name', async (path, example, extra) => {
    app.get(AkinonSettings).configure({ timestamps: 'implied' });
    try {
      for (const row of (await curlGet(path)).body.results) expectShape(row, example as Record<string, unknown>, extra as string[]);
    } finally {
      app.get(AkinonSettings).restore();
    }
  });

  it('ORI03 POST /order-items/{id}/reject/ with the documented headers answers 204 with no body', async () => {
    const items = (await curlGet('/api/i1/order-items/?status=200')).body.results;
    const res = await request(app.getHttpServer()).post(`/api/i1/order-items/${items[0].id}/reject/`).set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'application/json').expect(204);
    expect(res.text).toBe('');
  });

  it('renders datetimes like the document ("2019-01-01T00:00:00Z") for seeded data', async () => {
    const order = (await curlGet('/api/i1/orders/')).body.results[0];
    expect(order.date_placed).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('accepts each example only with the header it shows (docs/api-decisions.md AK-2), and logs header names, never the token', async () => {
    const log = app.get(CallLog);
    log.clear();
    await request(app.getHttpServer()).get('/api/i1/orders/').set('Authorization', `Bearer ${TOKEN}`).expect(401);
    const items = (await curlGet('/api/i1/order-items/?status=200')).body.results;
    await request(app.getHttpServer()).post(`/api/i1/order-items/${items[0].id}/reject/`).set('Authentication', `Bearer ${TOKEN}`).expect(401);
    await request(app.getHttpServer()).post(`/api/i1/order-items/${items[0].id}/reject/`).set('Authorization', `Bearer ${TOKEN}`).expect(204);
    expect(log.list().map((call) => [call.method, call.status, call.authHeaders])).toEqual([
      ['GET', 401, ['authorization']],
      ['GET', 200, ['authentication']],
      ['POST', 401, ['authentication']],
      ['POST', 204, ['authorization']],
    ]);
    expect(JSON.stringify(log.list())).not.toContain(TOKEN);
  });
});
