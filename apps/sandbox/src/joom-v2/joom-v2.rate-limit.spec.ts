import { createSimulatorTestApp, SimulatorTestApp } from '../core/testing/simulator-test-app';
import { JoomV2Module } from './joom-v2.module';
import { JoomV2Simulator } from './joom-v2.simulator';

/** v2 answers with Joom's quota headers too, and refuses past the quota in its envelope (docs/api-decisions.md JO-8). */
describe('Joom v2 rate limits over HTTP', () => {
  let t: SimulatorTestApp<JoomV2Simulator>;
  const auth = () => ({ Authorization: `Bearer ${t.config.joomToken}` });
  const limitHeaders = (res: { headers: Record<string, string> }) => [res.headers['x-rate-limit-limit'], res.headers['x-rate-limit-remaining'], res.headers['x-rate-limit-reset']];

  beforeAll(async () => {
    t = await createSimulatorTestApp(JoomV2Module, JoomV2Simulator);
  });
  afterAll(() => t.app.close());
  beforeEach(() => t.simulator.seed(10, 1));

  it('sends X-Rate-Limit-* on every response: success, 400, 404, 401 and the list endpoints', async () => {
    const responses = [
      await t.http().get('/api/v2/auth_test').set(auth()).expect(200),
      await t.http().post('/api/v2/order/fulfill-one').set(auth()).type('form').send({ id: 'x' }).expect(400),
      await t.http().get('/api/v2/order?id=ffffffffffffffffffffffff').set(auth()).expect(404),
      await t.http().get('/api/v2/auth_test').expect(401),
      await t.http().get('/api/v2/order/multi-get').set(auth()).expect(200),
      await t.http().get('/api/v2/order/get-fulfill').set(auth()).expect(200),
    ];
    expect(responses.map(limitHeaders)).toEqual([
      ['2000', '1999', '60'],
      ['2000', '1998', '60'],
      ['2000', '1997', '60'],
      ['2000', '1997', '60'],
      ['50', '49', '60'],
      ['50', '48', '60'],
    ]);
  });

  it('answers 429 in the v2 envelope past the list quota until the window ends', async () => {
    const clock = jest.spyOn(Date, 'now');
    const start = Date.parse('2026-06-01T00:00:00Z');
    try {
      clock.mockReturnValue(start);
      t.simulator.act('set-rate-limit', { listPerMinute: 2 });
      await t.http().get('/api/v2/order/multi-get').set(auth()).expect(200);
      await t.http().get('/api/v2/order/multi-get').set(auth()).expect(200);
      clock.mockReturnValue(start + 20_000);
      const refused = await t.http().get('/api/v2/order/multi-get').set(auth()).expect(429);
      expect(refused.body).toEqual({ code: 1029, data: {}, message: expect.stringContaining('Rate limit of 2') });
      expect(limitHeaders(refused)).toEqual(['2', '0', '40']);
      // The general quota is separate: a read by id still answers.
      await t.http().get('/api/v2/auth_test').set(auth()).expect(200);
      clock.mockReturnValue(start + 60_000);
      expect(limitHeaders(await t.http().get('/api/v2/order/multi-get').set(auth()).expect(200))).toEqual(['2', '1', '60']);
    } finally {
      clock.mockRestore();
    }
  });
});
