import { createSimulatorTestApp, SimulatorTestApp } from '../core/testing/simulator-test-app';
import { JoomV2Module } from './joom-v2.module';
import { JoomV2Simulator } from './joom-v2.simulator';

/**
 * The v2 document's curl examples for orders (order section, debugging
 * section, FAQ, auth test), replayed verbatim against the sandbox; only the
 * host is dropped. The document's token is the sandbox token here.
 */
const DOC_ORDER_ID = '123456789009876543210164';
const DOC_FULFILL_ID = '098765432112345678901234';

const CURL = {
  authTest: '> curl https://api-merchant.joom.it/api/v2/auth_test?access_token=an_example_access_token',
  order: '> curl "https://api-merchant.joom.it/api/v2/order?id=123456789009876543210164&access_token=an_example_access_token"',
  multiGet: '> curl "https://api-merchant.joom.it/api/v2/order/multi-get?start=200&limit=100&since=2014-01-20&access_token=an_example_access_token"',
  getFulfill: '> curl "https://api-merchant.joom.it/api/v2/order/get-fulfill?start=0&limit=100&access_token=an_example_access_token"',
  badProvider:
    '> curl https://api-merchant.joom.it/api/v2/order/fulfill-one -d "tracking_provider=USPSSSSSSSSSSSSSSSSSSSSSSSSS&tracking_number=12345679&id=098765432112345678901234&access_token=an_example_access_token"',
  fulfill: '> curl https://api-merchant.joom.it/api/v2/order/fulfill-one -d "tracking_provider=USPS&tracking_number=12345679&id=098765432112345678901234&access_token=an_example_access_token"',
  refund: '> curl https://api-merchant.joom.it/api/v2/order/refund -d "reason_code=18&id=098765432112345678901234&access_token=an_example_access_token"',
  modifyTracking:
    '> curl https://api-merchant.joom.it/api/v2/order/modify-tracking -d "tracking_provider=USPS&tracking_number=12345678&id=098765432112345678901234&access_token=an_example_access_token"',
  faqPage1: '> curl https://api-merchant.joom.it/api/v2/order/multi-get?access_token=an_example_access_token&start=0&count=50',
  faqPage2: '> curl https://api-merchant.joom.it/api/v2/order/multi-get?access_token=an_example_access_token&start=50&count=100',
};

/** The fulfil example plus the Required `shipping_time` it leaves out. */
const FULFILL_WITH_TIME = CURL.fulfill.replace('-d "', '-d "shipping_time=5-10&');

/** Keys of the document's example Order object. */
const DOC_ORDER_KEYS = [
  'last_updated',
  'order_time',
  'order_id',
  'order_total',
  'product_id',
  'buyer_id',
  'quantity',
  'price',
  'cost',
  'shipping',
  'shipping_cost',
  'product_name',
  'product_image_url',
  'days_to_fulfill',
  'hours_to_fulfill',
  'sku',
  'state',
  'transaction_id',
  'variant_id',
];
const DOC_SHIPPING_DETAIL_KEYS = ['city', 'country', 'name', 'phone_number', 'state', 'street_address1', 'zipcode'];
const SUCCESS = { code: 0, data: { success: 'True' }, message: '' };

describe('Joom v2 document curl examples', () => {
  let t: SimulatorTestApp<JoomV2Simulator>;
  beforeAll(async () => {
    t = await createSimulatorTestApp(JoomV2Module, JoomV2Simulator, { joomToken: 'an_example_access_token' });
  });
  afterAll(() => t.app.close());
  beforeEach(() => {
    t.simulator.seed(350, 42);
    t.simulator.act('create-order', { orderId: DOC_ORDER_ID });
    t.simulator.act('create-order', { orderId: DOC_FULFILL_ID });
  });

  /** `curl URL` is a GET; `curl URL -d "form"` a form-encoded POST, as curl sends them. */
  const replay = (curl: string) => {
    const match = /^> curl "?([^"\s]+)"?(?: -d "([^"]*)")?$/.exec(curl);
    if (!match) throw new Error(`not a curl example: ${curl}`);
    const url = new URL(match[1]);
    const path = `${url.pathname}${url.search}`;
    return match[2] === undefined ? t.http().get(path) : t.http().post(path).type('form').send(match[2]);
  };

  it('auth_test', async () => {
    expect((await replay(CURL.authTest).expect(200)).body).toEqual(SUCCESS);
  });

  it('Retrieve an Order: {code, data: {Order: {ShippingDetail, …}}, message}', async () => {
    const { body } = await replay(CURL.order).expect(200);
    expect(Object.keys(body).sort()).toEqual(['code', 'data', 'message']);
    expect(body.code).toBe(0);
    expect(Object.keys(body.data)).toEqual(['Order']);
    expect(Object.keys(body.data.Order)).toEqual(expect.arrayContaining([...DOC_ORDER_KEYS, 'ShippingDetail']));
    for (const key of DOC_ORDER_KEYS) expect(typeof body.data.Order[key]).toBe('string');
    expect(Object.keys(body.data.Order.ShippingDetail)).toEqual(expect.arrayContaining(DOC_SHIPPING_DETAIL_KEYS));
    expect(body.data.Order.order_id).toBe(DOC_ORDER_ID);
  });

  it('Retrieve Recently Changed Orders: the second page of 100, with next and prev', async () => {
    const { body } = await replay(CURL.multiGet).expect(200);
    expect(body.code).toBe(0);
    expect(body.data).toHaveLength(100);
    expect(Object.keys(body.data[0])).toEqual(['Order']);
    expect(body.paging.next).toMatch(/\/api\/v2\/order\/multi-get\?start=300&limit=100&since=2014-01-20&access_token=an_example_access_token$/);
    expect(body.paging.prev).toMatch(/\/api\/v2\/order\/multi-get\?start=100&limit=100&since=2014-01-20&access_token=an_example_access_token$/);
  });

  it('Retrieve Unfulfilled Orders: APPROVED only, next without prev on the first page', async () => {
    const { body } = await replay(CURL.getFulfill).expect(200);
    expect(body.data).toHaveLength(100);
    expect(body.data.every((item: { Order: { state: string } }) => item.Order.state === 'APPROVED')).toBe(true);
    expect(body.paging).toEqual({ next: expect.stringMatching(/\/api\/v2\/order\/get-fulfill\?start=100&limit=100&access_token=an_example_access_token$/) });
  });

  it('API Errors / How to Debug: unknown provider → HTTP 200, {message, code: 1000, data: 2003}', async () => {
    const { body } = await replay(CURL.badProvider).expect(200);
    expect(body).toEqual({ message: 'Tracking provider is not one of the accepted providers on Joom', code: 1000, data: 2003 });
  });

  it('Fulfill an Order: the example omits shipping_time, which its table marks Required, so it is refused (docs/api-decisions.md JO-1)', async () => {
    const { body } = await replay(CURL.fulfill).expect(400);
    expect(body).toEqual({ code: 1000, data: 2000, message: "Missing required parameter 'shipping_time'" });
    expect(t.effects(DOC_FULFILL_ID, 'fulfill')).toBe(0);
    // With it, the call answers as the example (and Debugging, Example Request 2) shows.
    const fixed = await replay(FULFILL_WITH_TIME).expect(200);
    expect(fixed.body).toEqual({ code: 0, data: { success: 'True' }, message: 'Your order is been processed right now!' });
    expect(t.effects(DOC_FULFILL_ID, 'fulfill')).toBe(1);
  });

  it("Refund/Cancel: the example's reason_code 18 is not in the documented table, so it is refused", async () => {
    const { body } = await replay(CURL.refund).expect(400);
    expect(body).toEqual({ code: 1000, data: 2008, message: expect.stringContaining('reason_code') });
    expect(t.effects(DOC_FULFILL_ID, 'refund')).toBe(0);
    // The same call with a documented code ("out of stock") answers as the example shows.
    const fixed = await replay(CURL.refund.replace('reason_code=18', 'reason_code=2')).expect(200);
    expect(fixed.body).toEqual(SUCCESS);
    expect(t.effects(DOC_FULFILL_ID, 'refund')).toBe(1);
  });

  it('Modify Tracking of a Shipped Order', async () => {
    await replay(FULFILL_WITH_TIME).expect(200);
    expect((await replay(CURL.modifyTracking).expect(200)).body).toEqual(SUCCESS);
    expect(t.effects(DOC_FULFILL_ID, 'modify_tracking')).toBe(1);
  });

  it('FAQ "How do I get all orders?" pages with start/count', async () => {
    const first = (await replay(CURL.faqPage1).expect(200)).body;
    const second = (await replay(CURL.faqPage2).expect(200)).body;
    expect([first.data.length, second.data.length]).toEqual([50, 100]);
    const ids = [...first.data, ...second.data].map((item: { Order: { order_id: string } }) => item.Order.order_id);
    expect(new Set(ids).size).toBe(150);
  });
});
