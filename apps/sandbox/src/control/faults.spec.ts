import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AkinonModule } from '../akinon/akinon.module';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { FlexportModule } from '../flexport/flexport.module';
import { createOrderBody } from '../flexport/flexport.test-data';
import { ControlModule } from './control.module';

describe('fault injection', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const akinon = () => http().get('/api/i1/orders/').set('Authentication', `Bearer ${SANDBOX_DEFAULT_TOKENS.akinon}`);
  const flexport = () => http().get('/logistics/api/2024-04/orders/1').set('Authorization', `Bearer ${SANDBOX_DEFAULT_TOKENS.flexport}`);
  const setFaults = (api: string, faults: object) => http().put(`/__sandbox/faults/${api}`).send(faults).expect(200);

  beforeAll(async () => {
    app = await createSandboxTestApp([AkinonModule, FlexportModule, ControlModule]);
  });
  afterEach(() => http().delete('/__sandbox/faults').expect(204));
  afterAll(() => app.close());

  it('errorRate 1.0 answers every call with errorStatus in each API’s own error shape', async () => {
    await setFaults('akinon', { errorRate: 1, errorStatus: 503 });
    await setFaults('flexport', { errorRate: 1, errorStatus: 502 });
    const a = await akinon().expect(503);
    expect(a.body).toEqual({ detail: 'Injected fault: HTTP 503' });
    const f = await flexport().expect(502);
    expect(f.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(f.headers['x-correlation-id']).toEqual(expect.any(String));
    expect(JSON.parse(f.text)).toMatchObject({ status: 502, title: 'Bad Gateway', instance: '/logistics/api/2024-04/orders/1' });
    // Faults are per API: the control plane is never affected.
    await http().get('/__sandbox/health').expect(200);
  });

  it('rateLimitRate 1.0 answers 429 with Retry-After', async () => {
    await setFaults('akinon', { rateLimitRate: 1, retryAfterSeconds: 7 });
    const res = await akinon().expect(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.body.detail).toContain('7 seconds');
    await setFaults('flexport', { rateLimitRate: 1, retryAfterSeconds: 3 });
    const f = await flexport().expect(429);
    expect(f.headers['retry-after']).toBe('3');
    expect(JSON.parse(f.text).status).toBe(429);
  });

  it('latencyMs delays the answer', async () => {
    await setFaults('akinon', { latencyMs: 150 });
    const started = Date.now();
    await akinon().expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('dropRate 1.0 destroys the socket without an answer', async () => {
    await setFaults('akinon', { dropRate: 1 });
    await expect(akinon()).rejects.toThrow(/socket hang up|ECONNRESET/);
    const calls = (await http().get('/__sandbox/calls?api=akinon').expect(200)).body.calls;
    expect(calls[calls.length - 1]).toMatchObject({ status: null, fault: 'drop' });
  });

  it('hangRate 1.0 accepts the request and never answers', async () => {
    await setFaults('flexport', { hangRate: 1 });
    await expect(flexport().timeout(200)).rejects.toThrow(/Timeout/i);
  });

  it('hangAfterRate 1.0 lets the simulator act, then never answers (a lost response)', async () => {
    await setFaults('flexport', { hangAfterRate: 1 });
    const body = createOrderBody();
    const create = http().post('/logistics/api/2024-04/orders').set('Authorization', `Bearer ${SANDBOX_DEFAULT_TOKENS.flexport}`).send(body);
    await expect(create.timeout(300)).rejects.toThrow(/Timeout/i);
    // The order exists although the client never heard so.
    const ledger = (await http().get(`/__sandbox/side-effects?api=flexport&orderRef=${body.externalOrderId}`).expect(200)).body;
    expect(ledger.sideEffects).toEqual([expect.objectContaining({ kind: 'flexport_order_created', count: 1 })]);
    const calls = (await http().get('/__sandbox/calls?api=flexport').expect(200)).body.calls;
    expect(calls[calls.length - 1]).toMatchObject({ method: 'POST', status: null, fault: 'hang_after' });
  });

  it('is deterministic from the seed: the same seed gives the same outcome sequence', async () => {
    const run = async (seed: number) => {
      await setFaults('akinon', { errorRate: 0.5, seed });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await akinon()).status);
      return statuses;
    };
    const first = await run(1234);
    expect(await run(1234)).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it('DELETE /__sandbox/faults/{api} clears one api; GET lists them; bad settings are 400', async () => {
    await setFaults('akinon', { errorRate: 1 });
    await setFaults('flexport', { errorRate: 1 });
    expect(Object.keys((await http().get('/__sandbox/faults').expect(200)).body.faults).sort()).toEqual(['akinon', 'flexport']);
    await http().delete('/__sandbox/faults/akinon').expect(204);
    await akinon().expect(200);
    await flexport().expect(500);
    await http().put('/__sandbox/faults/akinon').send({ errorRate: 2 }).expect(400);
    await http().put('/__sandbox/faults/akinon').send({ errorStatus: 200 }).expect(400);
    await http().put('/__sandbox/faults/akinon').send({ bogus: 1 }).expect(400);
    await http().put('/__sandbox/faults/ebay').send({}).expect(404);
  });
});
