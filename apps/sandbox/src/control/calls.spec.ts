import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AkinonModule } from '../akinon/akinon.module';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { FlexportModule } from '../flexport/flexport.module';
import { ControlModule } from './control.module';

describe('call log', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const calls = async (query = '') => (await http().get(`/__sandbox/calls${query}`).expect(200)).body;

  beforeAll(async () => {
    app = await createSandboxTestApp([AkinonModule, FlexportModule, ControlModule]);
  });
  beforeEach(() => http().delete('/__sandbox/calls').expect(204));
  afterAll(() => app.close());

  it('records method, api, path, query, status, duration and time of every api call (not control-plane calls)', async () => {
    await http().get('/api/i1/orders/?status=200&limit=5').set('Authentication', `Bearer ${SANDBOX_DEFAULT_TOKENS.akinon}`).expect(200);
    const flexport = await http().post('/logistics/api/2024-04/orders').set('Authorization', `Bearer ${SANDBOX_DEFAULT_TOKENS.flexport}`).send({}).expect(400);
    await http().get('/nowhere').expect(404);
    const log = await calls();
    expect(log.count).toBe(3);
    expect(log.calls[0]).toEqual({
      seq: expect.any(Number),
      time: expect.any(String),
      api: 'akinon',
      method: 'GET',
      path: '/api/i1/orders/',
      query: { status: '200', limit: '5' },
      authHeaders: ['authentication'],
      status: 200,
      correlationId: null,
      durationMs: expect.any(Number),
      fault: null,
    });
    expect(log.calls[1]).toMatchObject({
      api: 'flexport',
      method: 'POST',
      path: '/logistics/api/2024-04/orders',
      status: 400,
      authHeaders: ['authorization'],
      correlationId: flexport.headers['x-correlation-id'],
    });
    expect(flexport.headers['x-correlation-id']).toEqual(expect.any(String));
    expect(log.calls[2]).toMatchObject({ api: null, path: '/nowhere', status: 404, authHeaders: [] });
    expect(Number.isNaN(Date.parse(log.calls[0].time))).toBe(false);
  });

  it('never stores Authorization values and redacts access_token query params', async () => {
    const secret = 'super-secret-token-value';
    await http().get(`/api/i1/orders/?access_token=${secret}`).set('Authorization', `Bearer ${secret}`).expect(401);
    await http().get('/api/v2/orders').set('Authorization', `Bearer ${secret}`).query({ access_token: secret });
    const raw = JSON.stringify(await calls());
    expect(raw).not.toContain(secret);
    expect((await calls()).calls[0].query).toEqual({ access_token: '[redacted]' });
  });

  it('logs requests whose JSON body was malformed (rejected before any middleware)', async () => {
    await http().post('/logistics/api/2024-04/orders').set('Content-Type', 'application/json').send('{oops').expect(400);
    expect((await calls()).calls).toEqual([expect.objectContaining({ api: 'flexport', status: 400 })]);
  });

  it('filters by api and since (a seq number or an ISO time); DELETE empties it', async () => {
    const auth = { Authentication: `Bearer ${SANDBOX_DEFAULT_TOKENS.akinon}` };
    await http().get('/api/i1/orders/').set(auth);
    const marker = (await calls()).calls[0].seq;
    await http().get('/api/i1/order-items/').set(auth);
    await http().get('/logistics/api/2024-04/orders/1');
    expect((await calls(`?since=${marker}`)).calls.map((c: { path: string }) => c.path)).toEqual(['/api/i1/order-items/', '/logistics/api/2024-04/orders/1']);
    expect((await calls('?api=flexport')).count).toBe(1);
    const time = (await calls()).calls[1].time;
    expect((await calls(`?since=${encodeURIComponent(time)}`)).count).toBeGreaterThanOrEqual(2);
    await http().get('/__sandbox/calls?since=yesterday').expect(400);
    await http().delete('/__sandbox/calls').expect(204);
    expect((await calls()).count).toBe(0);
  });
});
