import type { Response } from 'supertest';
import { createSimulatorTestApp, SimulatorTestApp } from '../core/testing/simulator-test-app';
import { JoomV2Module } from './joom-v2.module';
import { JoomV2Simulator } from './joom-v2.simulator';

type Http = ReturnType<SimulatorTestApp<JoomV2Simulator>['http']>;

/** Auth, single order, and the two paged lists. */
describe('Joom v2 reads', () => {
  let t: SimulatorTestApp<JoomV2Simulator>;
  let token: string;
  beforeAll(async () => {
    t = await createSimulatorTestApp(JoomV2Module, JoomV2Simulator, { joomToken: 'v2-secret' });
    token = t.config.joomToken;
  });
  afterAll(() => t.app.close());
  beforeEach(() => t.simulator.seed(40, 7));

  describe('auth', () => {
    it('accepts the token as access_token parameter (query or form body) or as a Bearer header', async () => {
      const expected = { code: 0, data: { success: 'True' }, message: '' };
      expect((await t.http().get(`/api/v2/auth_test?access_token=${token}`).expect(200)).body).toEqual(expected);
      expect((await t.http().get('/api/v2/auth_test').set('Authorization', `Bearer ${token}`).expect(200)).body).toEqual(expected);
      const { id } = { id: (t.simulator.act('create-order', {}) as { Order: { order_id: string } }).Order.order_id };
      await t.http().post('/api/v2/order/refund').type('form').send({ id, reason_code: '2', access_token: token }).expect(200);
    });

    it.each([
      ['no token at all', (r: Http) => r.get('/api/v2/auth_test')],
      ['a wrong access_token', (r: Http) => r.get('/api/v2/auth_test?access_token=nope')],
      ['a wrong Bearer token', (r: Http) => r.get('/api/v2/auth_test').set('Authorization', 'Bearer nope')],
      ['a non-Bearer Authorization header', (r: Http) => r.get('/api/v2/auth_test').set('Authorization', `Basic ${token}`)],
      ['a wrong header even with a right parameter', (r: Http) => r.get(`/api/v2/auth_test?access_token=${token}`).set('Authorization', 'Bearer nope')],
    ])('refuses %s with 401 and code 4000', async (_, send) => {
      const res = await send(t.http()).expect(401);
      expect(res.body).toEqual({ code: 4000, data: {}, message: expect.stringContaining('Unauthorized') });
    });
  });

  describe('order', () => {
    it('returns the order wrapped as {Order} with ShippingDetail and the documented fields', async () => {
      const created = t.simulator.act('create-order', { state: 'APPROVED' }) as { Order: { order_id: string } };
      const res = await t.http().get(`/api/v2/order?id=${created.Order.order_id}`).set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.body).toEqual({ code: 0, data: { Order: expect.any(Object) }, message: '' });
      const order = res.body.data.Order;
      for (const key of [
        'order_id',
        'buyer_id',
        'transaction_id',
        'order_time',
        'last_updated',
        'state',
        'cost',
        'shipping_cost',
        'order_total',
        'product_id',
        'product_name',
        'product_image_url',
        'variant_id',
        'sku',
        'price',
        'shipping',
        'quantity',
        'days_to_fulfill',
        'hours_to_fulfill',
      ]) {
        expect(typeof order[key]).toBe('string');
      }
      expect(Object.keys(order.ShippingDetail)).toEqual(expect.arrayContaining(['name', 'street_address1', 'city', 'state', 'country', 'zipcode', 'phone_number']));
      expect(order.state).toBe('APPROVED');
      expect(Number(order.hours_to_fulfill)).toBeGreaterThan(24 * 6);
    });

    it('answers an unknown id with 404 / code 4001 and a missing id with 400 / code 1000', async () => {
      const auth = { Authorization: `Bearer ${token}` };
      expect((await t.http().get('/api/v2/order?id=ffffffffffffffffffffffff').set(auth).expect(404)).body).toEqual({ code: 4001, data: {}, message: expect.any(String) });
      expect((await t.http().get('/api/v2/order').set(auth).expect(400)).body).toEqual({ code: 1000, data: 2000, message: expect.stringContaining("'id'") });
    });

    it('answers unknown endpoints, wrong methods and format=xml in the envelope', async () => {
      const auth = { Authorization: `Bearer ${token}` };
      expect((await t.http().get('/api/v2/product/multi-get').set(auth).expect(404)).body.code).toBe(4001);
      expect((await t.http().get('/api/v2/order/fulfill-one').set(auth).expect(404)).body.code).toBe(4001);
      expect((await t.http().get('/api/v2/auth_test?format=xml').set(auth).expect(400)).body.code).toBe(1000);
    });
  });

  describe('order/multi-get and order/get-fulfill', () => {
    const auth = () => ({ Authorization: `Bearer ${token}` });
    const path = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');

    it('pages through every order exactly once, by order time, following paging.next', async () => {
      t.simulator.seed(237, 11);
      const seen: { order_id: string; order_time: string }[] = [];
      let url: string | undefined = '/api/v2/order/multi-get?limit=50';
      let pages = 0;
      while (url) {
        const res: Response = await t.http().get(url).set(auth()).expect(200);
        expect(res.body.code).toBe(0);
        seen.push(...res.body.data.map((item: { Order: { order_id: string; order_time: string } }) => item.Order));
        if (pages > 0) expect(res.body.paging.prev).toMatch(/^https:\/\/api-merchant\.joom\.it\/api\/v2\/order\/multi-get\?start=\d+&limit=50$/);
        url = res.body.paging?.next && path(res.body.paging.next);
        pages++;
      }
      expect(pages).toBe(5);
      expect(seen).toHaveLength(237);
      expect(new Set(seen.map((o) => o.order_id)).size).toBe(237);
      expect(seen.map((o) => o.order_time)).toEqual([...seen.map((o) => o.order_time)].sort());
    });

    it("uses start/limit offsets, defaults limit to 50, accepts the FAQ's count, and omits paging on a single page", async () => {
      t.simulator.seed(120, 3);
      const first = await t.http().get('/api/v2/order/multi-get').set(auth()).expect(200);
      expect(first.body.data).toHaveLength(50);
      expect(first.body.paging).toEqual({ next: expect.stringContaining('start=50&limit=50') });
      const byCount = await t.http().get('/api/v2/order/multi-get?start=100&count=30').set(auth()).expect(200);
      expect(byCount.body.data).toHaveLength(20);
      expect(byCount.body.paging).toEqual({ prev: expect.stringContaining('start=70&limit=30') });
      const second = await t.http().get('/api/v2/order/multi-get?start=1&limit=10').set(auth()).expect(200);
      expect(second.body.paging.prev).toMatch(/start=0&limit=10$/);
      const all = await t.http().get('/api/v2/order/multi-get?limit=500').set(auth()).expect(200);
      expect(all.body.data).toHaveLength(120);
      expect(all.body.paging).toBeUndefined();
    });

    it.each(['0', '501', '-1', 'ten'])('refuses limit=%s (must be 1–500)', async (limit) => {
      const res = await t.http().get(`/api/v2/order/multi-get?limit=${limit}`).set(auth()).expect(400);
      expect(res.body).toEqual({ code: 1000, data: 2001, message: expect.stringContaining('limit') });
    });

    it('filters by since in both documented formats and refuses other formats', async () => {
      const id = (t.simulator.act('create-order', { state: 'APPROVED' }) as { Order: { order_id: string } }).Order.order_id;
      const today = new Date().toISOString().slice(0, 10);
      const ids = async (since: string) =>
        (await t.http().get(`/api/v2/order/multi-get?limit=500&since=${since}`).set(auth()).expect(200)).body.data.map((item: { Order: { order_id: string } }) => item.Order.order_id);
      expect(await ids(today)).toContain(id);
      const secondsAgo = new Date(Date.now() - 5000).toISOString().slice(0, 19);
      expect(await ids(secondsAgo)).toEqual([id]);
      expect(await ids('2099-01-01T00:00:00')).toEqual([]);
      for (const bad of ['2014-01-20T20:10', '20-01-2014', '2014-01-20T20:10:20Z']) {
        expect((await t.http().get(`/api/v2/order/multi-get?since=${bad}`).set(auth()).expect(400)).body.data).toBe(2001);
      }
    });

    it('get-fulfill lists only APPROVED orders, and keeps since/access_token in paging URLs', async () => {
      t.simulator.seed(300, 5);
      const res = await t.http().get(`/api/v2/order/get-fulfill?limit=500&access_token=${token}`).expect(200);
      const states = res.body.data.map((item: { Order: { state: string } }) => item.Order.state);
      expect(states.length).toBeGreaterThan(100);
      expect(new Set(states)).toEqual(new Set(['APPROVED']));
      const paged = await t.http().get(`/api/v2/order/get-fulfill?limit=10&since=2000-01-01&access_token=${token}`).expect(200);
      expect(paged.body.paging.next).toMatch(/start=10&limit=10&since=2000-01-01&access_token=v2-secret$/);
      const viaHeader = await t.http().get('/api/v2/order/get-fulfill?limit=10').set(auth()).expect(200);
      expect(viaHeader.body.paging.next).not.toContain('access_token');
    });
  });
});

describe('Joom v2 paging origin (docs/api-decisions.md JO-2)', () => {
  const next = async (overrides: Parameters<typeof createSimulatorTestApp>[2]) => {
    const t = await createSimulatorTestApp(JoomV2Module, JoomV2Simulator, overrides);
    try {
      return (await t.http().get('/api/v2/order/multi-get?limit=5').set('Authorization', `Bearer ${t.config.joomToken}`).expect(200)).body.paging.next;
    } finally {
      await t.app.close();
    }
  };

  it("builds paging URLs on the document's host by default, not the request's, even with SANDBOX_PUBLIC_ORIGIN set", async () => {
    expect(await next({})).toBe('https://api-merchant.joom.it/api/v2/order/multi-get?start=5&limit=5');
    expect(await next({ publicOrigin: 'https://joom.sandbox.test' })).toBe('https://api-merchant.joom.it/api/v2/order/multi-get?start=5&limit=5');
  });

  it('builds them on SANDBOX_JOOM_V2_PAGING_ORIGIN when set', async () => {
    expect(await next({ joomV2PagingOrigin: 'https://joom.sandbox.test/' })).toBe('https://joom.sandbox.test/api/v2/order/multi-get?start=5&limit=5');
  });
});
