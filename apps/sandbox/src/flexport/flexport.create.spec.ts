import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { SideEffectLedger } from '../core/side-effect-ledger';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { FlexportModule } from './flexport.module';
import { createOrderBody } from './flexport.test-data';

const BASE = '/logistics/api/2024-04';
const AUTH = `Bearer ${SANDBOX_DEFAULT_TOKENS.flexport}`;

describe('Flexport create / get / auth / problems', () => {
  let app: INestApplication;
  const post = (path: string, body?: object) => request(app.getHttpServer()).post(`${BASE}${path}`).set('Authorization', AUTH).send(body);
  const get = (path: string) => request(app.getHttpServer()).get(`${BASE}${path}`).set('Authorization', AUTH);
  const created = (ref: string) =>
    app
      .get(SideEffectLedger)
      .list({ api: 'flexport', orderRef: ref })
      .find((r) => r.kind === 'flexport_order_created')?.count ?? 0;
  const expectProblem = (res: request.Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['x-correlation-id']).toEqual(expect.any(String));
    const body = JSON.parse(res.text);
    expect(body).toEqual({ type: expect.any(String), title: expect.any(String), detail: expect.any(String), instance: expect.any(String), status });
    return body;
  };

  beforeAll(async () => {
    app = await createSandboxTestApp([FlexportModule]);
  });
  afterAll(() => app.close());

  it('creates an order in CREATED / ROUTING_IN_PROGRESS, readable by id and by external id', async () => {
    const body = createOrderBody();
    const res = await post('/orders', body).expect(200);
    expect(res.headers['x-correlation-id']).toEqual(expect.any(String));
    expect(res.body).toMatchObject({
      id: expect.any(String),
      externalOrderId: body.externalOrderId,
      error: null,
      shipments: [],
      lineItems: [{ logisticsSku: 'DSKU-1', quantity: 2 }],
      address: { city: 'İstanbul', countryCode: 'TR' },
      state: { internalStatus: 'CREATED', fulfillmentStatus: 'ROUTING_IN_PROGRESS', fulfillmentInProgress: true, fulfillmentDelayed: false },
    });
    expect((await get(`/orders/${res.body.id}`).expect(200)).body).toEqual(res.body);
    expect((await get(`/orders/external_id/${encodeURIComponent(String(body.externalOrderId))}`).expect(200)).body).toEqual(res.body);
    expect(created(String(body.externalOrderId))).toBe(1);
  });

  it('accepts any date version in the path and echoes an inbound x-correlation-id', async () => {
    const res = await request(app.getHttpServer()).post('/logistics/api/2023-11/orders').set('Authorization', AUTH).set('x-correlation-id', 'trace-123').send(createOrderBody()).expect(200);
    expect(res.headers['x-correlation-id']).toBe('trace-123');
    expectProblem(await request(app.getHttpServer()).get('/logistics/api/latest/orders/1').set('Authorization', AUTH), 404);
  });

  it.each(['address', 'externalOrderId', 'lineItems'])('answers 400 when the required field %s is missing, and creates nothing', async (field) => {
    const body = createOrderBody();
    delete body[field];
    const problem = expectProblem(await post('/orders', body), 400);
    expect(problem.detail).toContain(field);
    expect(created(String(body.externalOrderId))).toBe(0);
  });

  it('answers 400 for wrong types and missing nested fields', async () => {
    expect(expectProblem(await post('/orders', createOrderBody({ lineItems: [{ quantity: 1 }] })), 400).detail).toContain('lineItems[0].logisticsSku');
    expect(expectProblem(await post('/orders', createOrderBody({ lineItems: [{ logisticsSku: 'A', quantity: '2' }] })), 400).detail).toContain('quantity');
    expect(expectProblem(await post('/orders', createOrderBody({ address: { name: 'x', city: 'y', countryCode: 'TR' } })), 400).detail).toContain('address.address1');
    expectProblem(await post('/orders', createOrderBody({ externalOrderId: 42 })), 400);
  });

  it('answers 422 for well-formed but unacceptable values', async () => {
    expectProblem(await post('/orders', createOrderBody({ lineItems: [{ logisticsSku: 'A', quantity: 0 }] })), 422);
    expectProblem(await post('/orders', createOrderBody({ lineItems: [] })), 422);
    expectProblem(await post('/orders', createOrderBody({ promisedShipByTime: '2001-01-01T00:00:00Z' })), 422);
    const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    expectProblem(await post('/orders', createOrderBody({ promisedShipByTime: later(5), promisedDeliveryByTime: later(2) })), 422);
    await post('/orders', createOrderBody({ promisedShipByTime: later(2), promisedDeliveryByTime: later(5) })).expect(200);
  });

  it('refuses a line shipping outside the US without customsUnitValue, and creates nothing (docs/api-decisions.md FX-6)', async () => {
    const body = createOrderBody({
      lineItems: [
        { logisticsSku: 'A', quantity: 1, customsUnitValue: { amount: 3, currencyCode: 'TRY' } },
        { logisticsSku: 'B', quantity: 1 },
      ],
    });
    const problem = expectProblem(await post('/orders', body), 422);
    expect(problem.detail).toBe('lineItems[1].customsUnitValue is required for a destination outside the US (TR)');
    expect(created(String(body.externalOrderId))).toBe(0);
    const domestic = createOrderBody({
      address: { address1: '1 Main St', city: 'Austin', countryCode: 'US', name: 'Jane Doe', provinceCode: 'TX', zip: '78701' },
      lineItems: [{ logisticsSku: 'B', quantity: 1 }],
    });
    await post('/orders', domestic).expect(200);
  });

  it('refuses a source that is not one of the document’s (docs/api-decisions.md FX-5), accepts those and none', async () => {
    for (const source of ['JOOM', 'AKINON', 'amazon', '']) {
      const body = createOrderBody({ source });
      expect(expectProblem(await post('/orders', body), 422).detail).toContain('source must be one of SHOPIFY, AMAZON, WEBSITE, WALMART');
      expect(created(String(body.externalOrderId))).toBe(0);
    }
    for (const source of ['SHOPIFY', 'AMAZON', 'WEBSITE', 'WALMART', null, undefined]) await post('/orders', createOrderBody({ source })).expect(200);
  });

  it('answers 409 for a duplicate externalOrderId and records no second creation', async () => {
    const body = createOrderBody();
    await post('/orders', body).expect(200);
    const problem = expectProblem(await post('/orders', body), 409);
    expect(problem.detail).toContain(String(body.externalOrderId));
    expect(created(String(body.externalOrderId))).toBe(1);
  });

  it('replays the stored answer for a repeated idempotency-key, with idempotent-replayed: true, and no second side effect', async () => {
    const body = createOrderBody();
    const first = await post('/orders', body).set('idempotency-key', 'key-1').expect(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post('/orders', body).set('idempotency-key', 'key-1').expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(created(String(body.externalOrderId))).toBe(1);
    const other = expectProblem(await post('/orders', createOrderBody()).set('idempotency-key', 'key-1'), 422);
    expect(other.detail).toContain('idempotency-key');
  });

  it('replays a stored 4xx for the same key too', async () => {
    const body = createOrderBody({ lineItems: [] });
    expectProblem(await post('/orders', body).set('idempotency-key', 'key-bad'), 422);
    const replay = await post('/orders', body).set('idempotency-key', 'key-bad');
    expectProblem(replay, 422);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('answers 401 problems without or with a wrong bearer token', async () => {
    expectProblem(await request(app.getHttpServer()).get(`${BASE}/orders/1`), 401);
    expectProblem(await request(app.getHttpServer()).get(`${BASE}/orders/1`).set('Authorization', 'Bearer nope'), 401);
    expectProblem(await request(app.getHttpServer()).get(`${BASE}/orders/1`).set('Authorization', `Token ${SANDBOX_DEFAULT_TOKENS.flexport}`), 401);
  });

  it('answers 404 problems for unknown ids, external ids and paths', async () => {
    expect(expectProblem(await get('/orders/999'), 404).detail).toBe('Order not found');
    expectProblem(await get('/orders/external_id/nope'), 404);
    expectProblem(await post('/orders/999/cancel'), 404);
    expectProblem(await post('/orders/999/retry'), 404);
    const unknown = expectProblem(await get('/no-such-endpoint'), 404);
    expect(unknown.instance).toBe(`${BASE}/no-such-endpoint`);
  });

  it('answers a malformed JSON body with a 400 problem', async () => {
    const res = await request(app.getHttpServer()).post(`${BASE}/orders`).set('Authorization', AUTH).set('Content-Type', 'application/json').send('{"address":');
    expectProblem(res, 400);
  });
});
