import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AkinonModule } from '../akinon/akinon.module';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { FlexportModule } from '../flexport/flexport.module';
import { createOrderBody } from '../flexport/flexport.test-data';
import { ControlModule } from './control.module';

describe('control plane: health, seed, actions, side effects, reset', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const akinon = (path: string) => http().get(path).set('Authentication', `Bearer ${SANDBOX_DEFAULT_TOKENS.akinon}`);

  beforeAll(async () => {
    app = await createSandboxTestApp([AkinonModule, FlexportModule, ControlModule]);
  });
  afterAll(() => app.close());

  it('GET /__sandbox/health answers ok with the loaded apis and their sizes', async () => {
    await http().post('/__sandbox/seed').send({ count: 12 }).expect(200);
    const res = await http().get('/__sandbox/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', apis: { akinon: { orders: 12 }, flexport: { orders: 12 } } });
  });

  it('POST /__sandbox/seed seeds every api, or one, deterministically from the seed', async () => {
    const all = (await http().post('/__sandbox/seed').send({ count: 9, seed: 99 }).expect(200)).body;
    expect(all.seeded).toEqual({ akinon: 9, flexport: 9 });
    const first = (await akinon('/api/i1/orders/?limit=100').expect(200)).body.results;
    await http().post('/__sandbox/seed').send({ api: 'akinon', count: 9, seed: 99 }).expect(200);
    const again = (await akinon('/api/i1/orders/?limit=100').expect(200)).body.results;
    const stable = (orders: { id: string; number: string; amount: string; status: number }[]) => orders.map(({ id, number, amount, status }) => ({ id, number, amount, status }));
    expect(stable(again)).toEqual(stable(first));
    await http().post('/__sandbox/seed').send({ api: 'akinon', count: 9, seed: 100 }).expect(200);
    expect(stable((await akinon('/api/i1/orders/?limit=100').expect(200)).body.results)).not.toEqual(stable(first));
  });

  it('refuses bad seed bodies with 400 and unknown apis with 404', async () => {
    expect((await http().post('/__sandbox/seed').send({ count: -1 }).expect(400)).body).toEqual({ error: expect.stringContaining('count') });
    await http().post('/__sandbox/seed').send({}).expect(400);
    await http().post('/__sandbox/seed').send({ count: 1, seed: 'x' }).expect(400);
    await http().post('/__sandbox/seed').send({ api: 'ebay', count: 1 }).expect(404);
    await http().post('/__sandbox/seed').send({ api: 'joom-v2', count: 1 }).expect(404); // known name, not loaded here
  });

  it('POST /__sandbox/{api}/actions/{action} runs act(); unknown actions and apis are 404', async () => {
    const res = await http().post('/__sandbox/akinon/actions/create-order').send({ status: 200 }).expect(200);
    expect(res.body.result.order.status).toBe(200);
    expect((await http().post('/__sandbox/akinon/actions/nope').send({}).expect(404)).body.error).toContain('unknown akinon action "nope"');
    await http().post('/__sandbox/nope/actions/ship').send({}).expect(404);
    await http().post('/__sandbox/flexport/actions/ship').send([1]).expect(400);
  });

  it('GET /__sandbox/side-effects lists the ledger, filtered by api and orderRef', async () => {
    const body = createOrderBody();
    await http().post('/logistics/api/2024-04/orders').set('Authorization', `Bearer ${SANDBOX_DEFAULT_TOKENS.flexport}`).send(body).expect(200);
    const all = (await http().get('/__sandbox/side-effects').expect(200)).body;
    expect(all.sideEffects).toContainEqual({ api: 'flexport', orderRef: body.externalOrderId, kind: 'flexport_order_created', count: 1 });
    const one = (await http().get(`/__sandbox/side-effects?api=flexport&orderRef=${body.externalOrderId}`).expect(200)).body;
    expect(one).toEqual({ count: 1, sideEffects: [{ api: 'flexport', orderRef: body.externalOrderId, kind: 'flexport_order_created', count: 1 }] });
    expect((await http().get('/__sandbox/side-effects?api=akinon').expect(200)).body.count).toBe(0);
  });

  it('POST /__sandbox/reset empties data, faults, the call log and the ledger', async () => {
    await http().post('/__sandbox/seed').send({ count: 5 }).expect(200);
    await http().put('/__sandbox/faults/akinon').send({ latencyMs: 1 }).expect(200);
    await akinon('/api/i1/orders/').expect(200);
    await http().post('/logistics/api/2024-04/orders').set('Authorization', `Bearer ${SANDBOX_DEFAULT_TOKENS.flexport}`).send(createOrderBody()).expect(200);
    await http().post('/__sandbox/reset').expect(200);
    const health = (await http().get('/__sandbox/health').expect(200)).body;
    expect(health).toMatchObject({ apis: { akinon: { orders: 0 }, flexport: { orders: 0 } }, faults: {}, calls: 0 });
    expect((await http().get('/__sandbox/side-effects').expect(200)).body.count).toBe(0);
    expect((await http().get('/__sandbox/calls').expect(200)).body.count).toBe(0);
  });
});
