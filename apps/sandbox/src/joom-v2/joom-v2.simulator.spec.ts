import { ActionError } from '../core/action-error';
import { UnknownActionError } from '../core/simulator';
import { SimulatorRegistry } from '../core/simulator-registry';
import { actFailure, createSimulatorTestApp, SimulatorTestApp } from '../core/testing/simulator-test-app';
import { JoomV2Module } from './joom-v2.module';
import { JoomV2Simulator } from './joom-v2.simulator';

type Rendered = { Order: { order_id: string; state: string; last_updated: string; tracking_number?: string; shipping_provider?: string } };

describe('JoomV2Simulator (control plane)', () => {
  let t: SimulatorTestApp<JoomV2Simulator>;
  beforeAll(async () => {
    t = await createSimulatorTestApp(JoomV2Module, JoomV2Simulator, { seedCount: 33, seed: 4 });
  });
  afterAll(() => t.app.close());

  it('registers itself; the test app seeded config.seedCount orders', () => {
    expect(t.app.get(SimulatorRegistry).get('joom-v2')).toBe(t.simulator);
    expect(t.simulator.size()).toBe(33);
  });

  it('seeds 10,000 orders without a quadratic cost, then serves them', async () => {
    const started = performance.now();
    t.simulator.seed(10_000, 42);
    const elapsed = performance.now() - started;
    console.log(`joom-v2: seeded 10,000 orders in ${elapsed.toFixed(0)} ms`);
    // A guard against a quadratic seed (minutes), not a speed figure: a busy 2-core machine takes a few seconds.
    expect(elapsed).toBeLessThan(20_000);
    expect(t.simulator.size()).toBe(10_000);
    const page = await t.http().get('/api/v2/order/multi-get?start=9990&limit=500').set('Authorization', `Bearer ${t.config.joomToken}`).expect(200);
    expect(page.body.data).toHaveLength(10);
  });

  it('seed() replaces the orders deterministically; reset() empties the store', async () => {
    const ids = async () => (await t.http().get('/api/v2/order/multi-get?limit=500').set('Authorization', `Bearer ${t.config.joomToken}`)).body.data.map((o: Rendered) => o.Order.order_id);
    t.simulator.seed(12, 99);
    const first = await ids();
    t.simulator.seed(12, 99);
    expect(await ids()).toEqual(first);
    expect(first).toHaveLength(12);
    t.simulator.reset();
    expect(t.simulator.size()).toBe(0);
    expect(await ids()).toEqual([]);
  });

  it('create-order, ship and set-state change the order and its last_updated', () => {
    jest.useFakeTimers({ now: Date.parse('2026-05-01T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const created = t.simulator.act('create-order', { orderId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }) as Rendered;
      expect(created.Order).toEqual(expect.objectContaining({ order_id: 'aaaaaaaaaaaaaaaaaaaaaaaa', state: 'APPROVED', last_updated: '2026-05-01T10:00:00' }));
      expect(actFailure(() => t.simulator.act('create-order', { orderId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }))).toEqual(
        expect.objectContaining({ status: 409, message: expect.stringContaining('already exists') }),
      );
      jest.setSystemTime(Date.parse('2026-05-01T10:05:00Z'));
      const shipped = t.simulator.act('ship', { orderId: 'aaaaaaaaaaaaaaaaaaaaaaaa', provider: 'SFExpress', trackingNumber: 'SF1' }) as Rendered;
      expect(shipped.Order).toEqual(expect.objectContaining({ state: 'SHIPPED', shipping_provider: 'SFExpress', tracking_number: 'SF1', last_updated: '2026-05-01T10:05:00' }));
      jest.setSystemTime(Date.parse('2026-05-01T10:07:00Z'));
      const odd = t.simulator.act('set-state', { orderId: 'aaaaaaaaaaaaaaaaaaaaaaaa', state: 'PENDING_PAYMENT' }) as Rendered;
      expect(odd.Order).toEqual(expect.objectContaining({ state: 'PENDING_PAYMENT', last_updated: '2026-05-01T10:07:00' }));
      expect(t.ledger.list({ api: 'joom-v2', orderRef: 'aaaaaaaaaaaaaaaaaaaaaaaa' })).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses bad action params and unknown actions', () => {
    expect(actFailure(() => t.simulator.act('set-state', { orderId: 'nope', state: 'SHIPPED' }))).toEqual(expect.objectContaining({ status: 404 }));
    expect(actFailure(() => t.simulator.act('create-order', { orderId: 'ORDER-1' }))).toEqual(expect.objectContaining({ status: 400, message: expect.stringContaining('orderId') }));
    expect(actFailure(() => t.simulator.act('set-state', {}))).toEqual(expect.objectContaining({ status: 400, message: expect.stringContaining('orderId') }));
    const id = (t.simulator.act('create-order', {}) as Rendered).Order.order_id;
    expect(actFailure(() => t.simulator.act('ship', { orderId: id, provider: 'Pony Express' }))).toBeInstanceOf(ActionError);
    expect(actFailure(() => t.simulator.act('ship', { orderId: id, trackingNumber: 'A 1' }))).toEqual(expect.objectContaining({ status: 400 }));
    expect(() => t.simulator.act('teleport', {})).toThrow(UnknownActionError);
  });

  it('sendError writes the envelope with the quota headers; rateLimitHeaders gives Retry-After and X-Rate-Limit-*', async () => {
    const json = jest.fn();
    const res = { status: jest.fn(() => ({ json })), getHeader: () => undefined, set: jest.fn() };
    t.simulator.sendError(res as never, 429, 'slow down');
    expect(res.status).toHaveBeenCalledWith(429);
    expect(json).toHaveBeenCalledWith({ code: 1029, data: {}, message: 'slow down' });
    t.simulator.sendError(res as never, 503, 'down');
    expect(json).toHaveBeenLastCalledWith({ code: 5000, data: {}, message: 'down' });
    expect(res.set).toHaveBeenCalledWith(expect.objectContaining({ 'X-Rate-Limit-Limit': '2000' }));
    expect(t.simulator.rateLimitHeaders(12.2)).toEqual({ 'Retry-After': '13', 'X-Rate-Limit-Limit': '2000', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '13' });
  });
});
