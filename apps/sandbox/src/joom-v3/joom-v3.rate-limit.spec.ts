import { createSimulatorTestApp, SimulatorTestApp } from '../core/testing/simulator-test-app';
import { JoomV3Module } from './joom-v3.module';
import { JoomV3RateLimiter } from './joom-v3.rate-limiter';
import { JoomV3Simulator } from './joom-v3.simulator';

describe('Joom v3 rate limits over HTTP', () => {
  let t: SimulatorTestApp<JoomV3Simulator>;
  const auth = () => ({ Authorization: `Bearer ${t.config.joomToken}` });
  const limitHeaders = (res: { headers: Record<string, string> }) => [res.headers['x-rate-limit-limit'], res.headers['x-rate-limit-remaining'], res.headers['x-rate-limit-reset']];

  beforeAll(async () => {
    t = await createSimulatorTestApp(JoomV3Module, JoomV3Simulator);
  });
  afterAll(() => t.app.close());
  beforeEach(() => t.simulator.seed(10, 1));

  it('sends X-Rate-Limit-* on every response: success, 400, 404 and 401', async () => {
    const responses = [
      await t.http().get('/api/v3/shippers').set(auth()).expect(200),
      await t.http().get('/api/v3/orders?id=bad').set(auth()).expect(400),
      await t.http().get('/api/v3/orders?id=ZZZZ0000').set(auth()).expect(404),
      await t.http().get('/api/v3/shippers').expect(401),
      await t.http().get('/api/v3/orders/multi').set(auth()).expect(200),
    ];
    expect(responses.map(limitHeaders)).toEqual([
      ['2000', '1999', '60'],
      ['2000', '1998', '60'],
      ['2000', '1997', '60'],
      ['2000', '1997', '60'],
      ['50', '49', '60'],
    ]);
  });

  it('answers 429 past the general quota until the window ends, and a refused call uses no quota', async () => {
    const clock = jest.spyOn(Date, 'now');
    const start = Date.parse('2026-06-01T00:00:00Z');
    try {
      clock.mockReturnValue(start);
      t.simulator.act('set-rate-limit', { perMinute: 3 });
      for (const remaining of ['2', '1', '0']) {
        const ok = await t.http().get('/api/v3/shippers').set(auth()).expect(200);
        expect(ok.headers['x-rate-limit-remaining']).toBe(remaining);
      }
      clock.mockReturnValue(start + 20_500);
      const refused = await t.http().get('/api/v3/orders/unknown-endpoint').set(auth()).expect(429);
      expect(refused.body).toEqual({ errors: [{ code: 'too_many_requests', message: expect.stringContaining('3 requests per minute') }] });
      expect(limitHeaders(refused)).toEqual(['3', '0', '40']);
      clock.mockReturnValue(start + 59_999);
      await t.http().post('/api/v3/orders/cancel?id=ZZZZ0000').set(auth()).expect(429);
      clock.mockReturnValue(start + 60_000);
      const fresh = await t.http().get('/api/v3/shippers').set(auth()).expect(200);
      expect(limitHeaders(fresh)).toEqual(['3', '2', '60']);
    } finally {
      clock.mockRestore();
    }
  });

  it('limits the list endpoints with their own shared quota', async () => {
    t.simulator.act('set-rate-limit', { listPerMinute: 2 });
    await t.http().get('/api/v3/orders/multi').set(auth()).expect(200);
    await t.http().get('/api/v3/orders/unfulfilled').set(auth()).expect(200);
    const refused = await t.http().get('/api/v3/orders/multi').set(auth()).expect(429);
    expect(limitHeaders(refused).slice(0, 2)).toEqual(['2', '0']);
    await t.http().get('/api/v3/orders/unfulfilled').set(auth()).expect(429);
    // Other endpoints still answer: the general quota is separate.
    const other = await t.http().get('/api/v3/shippers').set(auth()).expect(200);
    expect(other.headers['x-rate-limit-limit']).toBe('2000');
  });

  it('restores the default quotas on seed and reset', async () => {
    t.simulator.act('set-rate-limit', { perMinute: 1 });
    await t.http().get('/api/v3/shippers').set(auth()).expect(200);
    await t.http().get('/api/v3/shippers').set(auth()).expect(429);
    t.simulator.seed(10, 1);
    expect((await t.http().get('/api/v3/shippers').set(auth()).expect(200)).headers['x-rate-limit-limit']).toBe('2000');
  });

  it('refuses bad set-rate-limit params', () => {
    let error: unknown;
    try {
      t.simulator.act('set-rate-limit', { perMinute: 0 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toEqual(expect.objectContaining({ status: 400, message: expect.stringContaining('perMinute') }));
    expect(() => t.simulator.act('set-rate-limit', { listPerMinute: '5' })).toThrow(/listPerMinute/);
    expect(t.simulator.act('set-rate-limit', { listPerMinute: 5, windowSeconds: 10 })).toEqual({ perMinute: 2000, listPerMinute: 5, windowSeconds: 10 });
  });
});

describe('JoomV3RateLimiter', () => {
  it('counts fixed windows from the first request and reports seconds left', () => {
    const limiter = new JoomV3RateLimiter();
    limiter.configure({ perMinute: 2, windowSeconds: 10 });
    expect(limiter.take('general', 1000).headers).toEqual({ 'X-Rate-Limit-Limit': '2', 'X-Rate-Limit-Remaining': '1', 'X-Rate-Limit-Reset': '10' });
    expect(limiter.take('general', 3500).allowed).toBe(true);
    const refused = limiter.take('general', 7000);
    expect([refused.allowed, refused.resetSeconds]).toEqual([false, 4]);
    expect(limiter.peek('general', 7000)['X-Rate-Limit-Remaining']).toBe('0');
    expect(limiter.take('general', 11_000)).toEqual(expect.objectContaining({ allowed: true, resetSeconds: 10 }));
  });
});
