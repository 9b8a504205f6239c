import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CircuitStore, CLOSED_CIRCUIT, RedisClient } from '@app/store';
import { startApi, testConfig } from '../support/api-fixture';
import { connectRedis, flushRedis } from '../support/store-fixtures';

jest.setTimeout(60_000);

/** The circuits the workers keep in Redis: compare-and-set and one probe at a time, as every worker sees them; readiness and metrics read them. */
describe('system circuits in Redis, readiness and metrics', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let redis: RedisClient;
  let store: CircuitStore;

  beforeAll(async () => {
    await flushRedis();
    redis = await connectRedis();
    store = new CircuitStore(redis);
    app = await startApi(testConfig({ JOOM_ACCESS_TOKEN: 'joom-token-not-used-here-0123', FLEXPORT_API_TOKEN: 'flexport-token-not-used-0123' }));
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    redis?.disconnect();
  });

  it('writes a state only over the version it read, and lets one probe hold the lock', async () => {
    const read = await store.read('akinon');
    expect(read).toEqual({ state: CLOSED_CIRCUIT, version: '0' });
    const counted = { ...CLOSED_CIRCUIT, failures: 1 };
    expect(await store.write('akinon', read.version, counted)).toBe(true);
    // A second worker that read the same version loses and must read again.
    expect(await store.write('akinon', read.version, { ...CLOSED_CIRCUIT, failures: 7 })).toBe(false);
    expect(await store.read('akinon')).toEqual({ state: counted, version: '1' });

    expect(await store.takeProbe('akinon', 'worker-a:job-1', 5_000)).toBe(true);
    expect(await store.takeProbe('akinon', 'worker-b:job-2', 5_000)).toBe(false);
    await store.releaseProbe('akinon', 'worker-b:job-2');
    expect(await store.takeProbe('akinon', 'worker-b:job-2', 5_000)).toBe(false);
    await store.releaseProbe('akinon', 'worker-a:job-1');
    expect(await store.takeProbe('akinon', 'worker-b:job-2', 5_000)).toBe(true);
  });

  it('shows an open circuit in /health/ready, still 200, and in /metrics; closed ones as closed', async () => {
    const since = Date.parse('2026-03-01T10:00:00Z');
    const { version } = await store.read('flexport');
    await store.write('flexport', version, { status: 'open', failures: 5, since, retryAt: since + 30_000, reason: 'flexport answered 503', failedProbes: 0, openings: 1 });

    const ready = await http.get('/health/ready').expect(200);
    expect(ready.body.info.circuits).toEqual({
      status: 'up',
      joom: { state: 'closed' },
      flexport: { state: 'open', since: '2026-03-01T10:00:00.000Z', reason: 'flexport answered 503', retryAt: '2026-03-01T10:00:30.000Z' },
    });
    const metrics = (await http.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^gateway_circuit_open\{system="flexport",account="main"\} 1$/m);
    expect(metrics).toMatch(/^gateway_circuit_open\{system="joom",account="main"\} 0$/m);
    expect(metrics).toMatch(/^gateway_circuit_openings_total\{system="flexport",account="main"\} 1$/m);
    // Akinon is not configured here: no circuit shown for it.
    expect(metrics).not.toMatch(/^gateway_circuit_\w+\{system="akinon"\}/m);
  });
});
