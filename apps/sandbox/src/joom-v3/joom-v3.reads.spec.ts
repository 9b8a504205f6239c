import type { Response } from 'supertest';
import { createSimulatorTestApp, SimulatorTestApp } from '../core/testing/simulator-test-app';
import { JoomV3Module } from './joom-v3.module';
import { JoomV3Simulator } from './joom-v3.simulator';

type Order = { id: string; status: string; updateTimestamp: string };

/** Auth, single order, cursor paging, shippers, unknown endpoints. */
describe('Joom v3 reads', () => {
  let t: SimulatorTestApp<JoomV3Simulator>;
  const auth = () => ({ Authorization: `Bearer ${t.config.joomToken}` });
  const path = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');
  const create = (params: Record<string, unknown> = {}) => (t.simulator.act('create-order', params) as Order).id;
  const errors = (code: string, field?: string) => ({ errors: [{ code, ...(field ? { field } : {}), message: expect.any(String) }] });

  /** Follows `paging.next` to the end; returns the items and the number of pages. */
  const readAll = async (start: string) => {
    const items: Order[] = [];
    let url: string | undefined = start;
    let pages = 0;
    while (url) {
      const res: Response = await t.http().get(url).set(auth()).expect(200);
      items.push(...res.body.data.items);
      url = res.body.paging.next && path(res.body.paging.next);
      pages++;
    }
    return { items, pages };
  };

  beforeAll(async () => {
    t = await createSimulatorTestApp(JoomV3Module, JoomV3Simulator, { joomToken: 'v3-secret' });
  });
  afterAll(() => t.app.close());
  beforeEach(() => t.simulator.seed(60, 7));

  describe('auth', () => {
    it.each([
      ['no token', {}],
      ['a wrong Bearer token', { Authorization: 'Bearer wrong' }],
      ['a Basic header', { Authorization: 'Basic v3-secret' }],
    ])('answers %s with 401 in the errors shape, rate headers included', async (_, headers) => {
      const res = await t.http().get('/api/v3/shippers').set(headers).expect(401);
      expect(res.body).toEqual(errors('unauthorized'));
      expect(res.headers['x-rate-limit-limit']).toBe('2000');
      expect(res.headers['x-rate-limit-remaining']).toBe('2000');
    });

    it('does not take the token as an access_token parameter (v3 is Bearer only)', async () => {
      await t.http().get('/api/v3/shippers?access_token=v3-secret').expect(401);
    });
  });

  describe('GET orders?id=', () => {
    it('returns {data: order} with the documented fields', async () => {
      const id = create({ onlineShippingRequirement: 'offlineOnly' });
      const { body } = await t.http().get(`/api/v3/orders?id=${id}`).set(auth()).expect(200);
      expect(Object.keys(body)).toEqual(['data']);
      expect(body.data).toEqual(
        expect.objectContaining({
          id,
          status: 'approved',
          quantity: expect.any(Number),
          orderTimestamp: expect.any(String),
          updateTimestamp: expect.any(String),
          onlineShippingRequirement: 'offlineOnly',
          product: expect.objectContaining({
            id: expect.any(String),
            sku: expect.any(String),
            name: expect.any(String),
            variant: expect.objectContaining({ id: expect.any(String), sku: expect.any(String) }),
          }),
          priceInfo: expect.objectContaining({ orderPrice: expect.stringMatching(/^\d+\.\d{2}$/) }),
          shippingAddress: expect.objectContaining({
            name: expect.any(String),
            phoneNumber: expect.any(String),
            country: expect.any(String),
            city: expect.any(String),
            streetAddress1: expect.any(String),
            zipCode: expect.any(String),
          }),
          hoursToFulfill: expect.any(Number),
          daysToFulfill: expect.any(Number),
        }),
      );
    });

    it("distinguishes missing/malformed (400), unknown (404) and another store's order (403)", async () => {
      expect((await t.http().get('/api/v3/orders').set(auth()).expect(400)).body).toEqual(errors('invalid_argument', 'id'));
      expect((await t.http().get('/api/v3/orders?id=abc').set(auth()).expect(400)).body).toEqual(errors('invalid_argument', 'id'));
      expect((await t.http().get('/api/v3/orders?id=ZZZZ9999').set(auth()).expect(404)).body).toEqual(errors('not_found'));
      const foreign = create({ storeId: 'another-store' });
      expect((await t.http().get(`/api/v3/orders?id=${foreign}`).set(auth()).expect(403)).body).toEqual(errors('forbidden'));
    });
  });

  describe('GET orders/multi and orders/unfulfilled', () => {
    it('pages through every order once, in update order, with full next URLs and no next on the last page', async () => {
      t.simulator.seed(1234, 5);
      const first = await t.http().get('/api/v3/orders/multi').set(auth()).expect(200);
      expect(first.body.data.items).toHaveLength(100);
      expect(first.body.paging.next).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3\/orders\/multi\?limit=100&after=[\w-]+$/);
      const { items, pages } = await readAll('/api/v3/orders/multi');
      expect(pages).toBe(13);
      expect(items).toHaveLength(1234);
      expect(new Set(items.map((o) => o.id)).size).toBe(1234);
      const stamps = items.map((o) => o.updateTimestamp);
      expect(stamps).toEqual([...stamps].sort());
    });

    it('caps limit at 500 silently and refuses non-positive or non-numeric limits', async () => {
      t.simulator.seed(700, 5);
      const res = await t.http().get('/api/v3/orders/multi?limit=1000').set(auth()).expect(200);
      expect(res.body.data.items).toHaveLength(500);
      expect(res.body.paging.next).toContain('limit=500');
      const rest = await t.http().get(path(res.body.paging.next)).set(auth()).expect(200);
      expect(rest.body.data.items).toHaveLength(200);
      expect(rest.body.paging).toEqual({});
      for (const bad of ['0', '-5', 'abc', '1.5']) {
        expect((await t.http().get(`/api/v3/orders/multi?limit=${bad}`).set(auth()).expect(400)).body).toEqual(errors('invalid_argument', 'limit'));
      }
    });

    it('refuses a cursor it did not issue', async () => {
      expect((await t.http().get('/api/v3/orders/multi?after=bogus').set(auth()).expect(400)).body).toEqual(errors('invalid_argument', 'after'));
    });

    it('filters by updatedFrom and carries it in next', async () => {
      t.simulator.seed(300, 5);
      const since = new Date(Date.now() - 10 * 24 * 3600 * 1000).toISOString();
      const { items } = await readAll(`/api/v3/orders/multi?limit=40&updatedFrom=${since}`);
      const all = (await readAll('/api/v3/orders/multi?limit=500')).items;
      const expected = all.filter((o) => o.updateTimestamp >= since).map((o) => o.id);
      expect(items.map((o) => o.id)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(300);
      const page = await t.http().get(`/api/v3/orders/multi?limit=1&updatedFrom=${since}`).set(auth()).expect(200);
      expect(page.body.paging.next).toContain(`updatedFrom=${encodeURIComponent(since)}`);
      expect((await t.http().get('/api/v3/orders/multi?updatedFrom=yesterday').set(auth()).expect(400)).body).toEqual(errors('invalid_argument', 'updatedFrom'));
    });

    it('never skips an order that changes while a client pages: it comes again at the end', async () => {
      t.simulator.seed(250, 5);
      const first = await t.http().get('/api/v3/orders/multi?limit=100').set(auth()).expect(200);
      const changed = first.body.data.items[10].id;
      t.simulator.act('set-state', { orderId: changed, state: 'returnInitiated' });
      const { items } = await readAll(path(first.body.paging.next));
      const seen = [...first.body.data.items, ...items].map((o: Order) => o.id);
      expect(new Set(seen).size).toBe(250);
      expect(items[items.length - 1]).toEqual(expect.objectContaining({ id: changed, status: 'returnInitiated' }));
    });

    it('unfulfilled lists approved orders only, paged the same way', async () => {
      t.simulator.seed(600, 5);
      const { items, pages } = await readAll('/api/v3/orders/unfulfilled?limit=50');
      const approved = (await readAll('/api/v3/orders/multi?limit=500')).items.filter((o) => o.status === 'approved');
      expect(new Set(items.map((o) => o.status))).toEqual(new Set(['approved']));
      expect(items.map((o) => o.id).sort()).toEqual(approved.map((o) => o.id).sort());
      expect(pages).toBe(Math.ceil(approved.length / 50));
    });

    it("leaves other stores' orders out of lists", async () => {
      const foreign = create({ storeId: 'another-store' });
      const { items } = await readAll('/api/v3/orders/multi?limit=500');
      expect(items.map((o) => o.id)).not.toContain(foreign);
    });
  });

  it('GET shippers lists id, name, trust, destinations and online-shipping info', async () => {
    const { body } = await t.http().get('/api/v3/shippers').set(auth()).expect(200);
    expect(body.data.items.length).toBeGreaterThan(20);
    for (const shipper of body.data.items) {
      expect(shipper).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        name: expect.any(String),
        trusted: expect.any(Boolean),
        destinationCountries: expect.arrayContaining([expect.stringMatching(/^[A-Z]{2}$/)]),
        offlineShipping: expect.any(Boolean),
        onlineShipping: expect.objectContaining({ available: expect.any(Boolean), pickupAvailable: expect.any(Boolean) }),
      });
    }
    expect(body.data.items.find((s: { name: string }) => s.name === 'Joom Logistics').onlineShipping.available).toBe(true);
  });

  it('answers unknown endpoints with 404 in the errors shape', async () => {
    const res = await t.http().get('/api/v3/products/multi').set(auth()).expect(404);
    expect(res.body).toEqual(errors('not_found'));
    expect(res.headers['x-rate-limit-limit']).toBeDefined();
  });
});
