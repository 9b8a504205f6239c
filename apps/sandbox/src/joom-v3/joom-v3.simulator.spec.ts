import { UnknownActionError } from '../core/simulator';
import { SimulatorRegistry } from '../core/simulator-registry';
import { actFailure, createSimulatorTestApp, SimulatorTestApp } from '../core/testing/simulator-test-app';
import { JoomV3Module } from './joom-v3.module';
import { JoomV3Simulator } from './joom-v3.simulator';

type Order = { id: string; status: string; updateTimestamp: string; storeId: string; onlineShippingRequirement: string; shippingAddress: { country: string }; quantity: number };

describe('JoomV3Simulator (control plane)', () => {
  let t: SimulatorTestApp<JoomV3Simulator>;
  const auth = () => ({ Authorization: `Bearer ${t.config.joomToken}` });
  beforeAll(async () => {
    t = await createSimulatorTestApp(JoomV3Module, JoomV3Simulator, { seedCount: 25, seed: 4 });
  });
  afterAll(() => t.app.close());

  it('registers itself; the test app seeded config.seedCount orders', () => {
    expect(t.app.get(SimulatorRegistry).get('joom-v3')).toBe(t.simulator);
    expect(t.simulator.size()).toBe(25);
    t.simulator.reset();
    expect(t.simulator.size()).toBe(0);
    t.simulator.seed(25, 4);
  });

  it('seeds 10,000 orders without a quadratic cost, then serves them', async () => {
    const started = performance.now();
    t.simulator.seed(10_000, 42);
    const elapsed = performance.now() - started;
    console.log(`joom-v3: seeded 10,000 orders in ${elapsed.toFixed(0)} ms`);
    // A guard against a quadratic seed (minutes), not a speed figure: a busy 2-core machine takes a few seconds.
    expect(elapsed).toBeLessThan(20_000);
    expect(t.simulator.size()).toBe(10_000);
    const page = await t.http().get('/api/v3/orders/multi?limit=500').set(auth()).expect(200);
    expect(page.body.data.items).toHaveLength(500);
    t.simulator.seed(25, 4);
  });

  it('create-order makes an order placed now, with the given fields', async () => {
    const before = Date.now();
    const order = t.simulator.act('create-order', { id: 'TEST0001', status: 'approved', onlineShippingRequirement: 'onlineOnly', country: 'TR', quantity: 3 }) as Order;
    expect(order).toEqual(
      expect.objectContaining({ id: 'TEST0001', status: 'approved', onlineShippingRequirement: 'onlineOnly', quantity: 3, shippingAddress: expect.objectContaining({ country: 'TR' }) }),
    );
    expect(Date.parse(order.updateTimestamp)).toBeGreaterThanOrEqual(before);
    const listed = await t
      .http()
      .get(`/api/v3/orders/multi?updatedFrom=${new Date(before).toISOString()}`)
      .set(auth())
      .expect(200);
    expect(listed.body.data.items.map((o: Order) => o.id)).toEqual(['TEST0001']);
    expect(actFailure(() => t.simulator.act('create-order', { id: 'TEST0001' }))).toEqual(expect.objectContaining({ status: 409 }));
    expect(actFailure(() => t.simulator.act('create-order', { id: 'lower' }))).toEqual(expect.objectContaining({ status: 400, message: expect.stringContaining('id') }));
    expect(actFailure(() => t.simulator.act('create-order', { onlineShippingRequirement: 'sometimes' }))).toEqual(
      expect.objectContaining({ status: 400, message: expect.stringContaining('onlineShippingRequirement') }),
    );
  });

  it('remove-order makes an order vanish: reads answer 404 and lists skip it', async () => {
    const id = (t.simulator.act('create-order', {}) as Order).id;
    expect((t.simulator.act('remove-order', { orderId: id }) as Order).id).toBe(id);
    await t.http().get(`/api/v3/orders?id=${id}`).set(auth()).expect(404);
    const listed = await t.http().get('/api/v3/orders/multi?limit=500').set(auth()).expect(200);
    expect(listed.body.data.items.map((o: Order) => o.id)).not.toContain(id);
    expect(actFailure(() => t.simulator.act('remove-order', { orderId: id }))).toEqual(expect.objectContaining({ status: 404 }));
  });

  it.each(['returnInitiated', 'returnArrived', 'returnCompleted', 'returnDeclined', 'returnExpired', 'paidByJoomRefund', 'refunded'])(
    'set-state %s is visible over HTTP with a newer updateTimestamp',
    async (state) => {
      const id = (t.simulator.act('create-order', {}) as Order).id;
      const before = (await t.http().get(`/api/v3/orders?id=${id}`).set(auth())).body.data.updateTimestamp;
      t.simulator.act('set-state', { orderId: id, state });
      const after = (await t.http().get(`/api/v3/orders?id=${id}`).set(auth())).body.data;
      expect(after.status).toBe(state);
      expect(after.updateTimestamp > before).toBe(true);
    },
  );

  it('ship-online moves only fulfilledOnline orders to shipped, without a ledger entry', () => {
    const approved = (t.simulator.act('create-order', {}) as Order).id;
    expect(actFailure(() => t.simulator.act('ship-online', { orderId: approved }))).toEqual(expect.objectContaining({ status: 409, message: expect.stringContaining('fulfilledOnline') }));
    const online = (t.simulator.act('create-order', { status: 'fulfilledOnline', onlineShippingRequirement: 'onlineOnly' }) as Order).id;
    expect((t.simulator.act('ship-online', { orderId: online }) as Order).status).toBe('shipped');
    expect(t.ledger.list({ api: 'joom-v3', orderRef: online })).toEqual([]);
  });

  it('throws UnknownActionError for unknown actions and explains bad params', () => {
    expect(() => t.simulator.act('warp', {})).toThrow(UnknownActionError);
    expect(actFailure(() => t.simulator.act('set-state', { orderId: 'NOPE0000', state: 'shipped' }))).toEqual(expect.objectContaining({ status: 404 }));
    expect(actFailure(() => t.simulator.act('ship-online', {}))).toEqual(expect.objectContaining({ status: 400, message: expect.stringContaining('orderId') }));
  });

  it('sendError writes the errors shape with quota headers; rateLimitHeaders gives X-Rate-Limit-*', () => {
    const headers: Record<string, string> = {};
    const json = jest.fn();
    const res = { getHeader: (name: string) => headers[name], set: (h: Record<string, string>) => Object.assign(headers, h), status: jest.fn(() => ({ json })) };
    t.simulator.sendError(res as never, 503, 'maintenance');
    expect(res.status).toHaveBeenCalledWith(503);
    expect(json).toHaveBeenCalledWith({ errors: [{ code: 'internal_error', message: 'maintenance' }] });
    expect(headers['X-Rate-Limit-Limit']).toBe('2000');
    expect(t.simulator.rateLimitHeaders(7.5)).toEqual({ 'X-Rate-Limit-Limit': '2000', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '8' });
  });
});
