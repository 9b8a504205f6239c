import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CanonicalOrder } from '@app/orders';
import { auth, startApi } from '../support/api-fixture';
import { flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

const ERROR_SHAPE = { statusCode: expect.any(Number), code: expect.any(String), message: expect.any(String) };

describe('REST reads', () => {
  let app: INestApplication;
  let store: StoreFixture;
  let order: CanonicalOrder;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    app = await startApi();
    http = request(app.getHttpServer());
    order = await insert(store.repository, newOrder({ channel: 'akinon', externalId: 'e819386c-b406-43dc-86c9-212ff633afe2', externalNumber: '45243493' }));
    await store.repository.mutate(order.id, (current) => ({
      order: { ...current!, status: 'fulfilling', updatedAt: new Date().toISOString() },
      history: [{ kind: 'transition', at: new Date().toISOString(), from: 'ready', to: 'fulfilling', cause: 'command', actor: 'test', requestId: 'job-1' }],
    }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('lists an order written through the store', async () => {
    const response = await http.get('/v1/orders').set(auth).expect(200);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items).toEqual([expect.objectContaining({ id: order.id, status: 'fulfilling', version: 2 })]);
  });

  it('fetches it by id, with the contract fields and allowedActions', async () => {
    const { body } = await http.get(`/v1/orders/${order.id}`).set(auth).expect(200).expect('Content-Type', 'application/json; charset=utf-8');
    for (const field of ['id', 'channel', 'externalId', 'status', 'lines', 'attention', 'allowedActions', 'version', 'updatedAt']) {
      expect(body).toHaveProperty(field);
    }
    expect(body.lines[0]).toEqual(expect.objectContaining({ id: expect.any(String), sku: expect.any(String), quantity: 1, status: expect.any(String) }));
    expect(body.allowedActions).toEqual(['cancel']);
  });

  it('fetches it by channel and external id', async () => {
    const { body } = await http.get(`/v1/channels/akinon/orders/${order.externalId}`).set(auth).expect(200).expect('Content-Type', 'application/json; charset=utf-8');
    expect(body.id).toBe(order.id);
  });

  it('shows its history, oldest first', async () => {
    const { body } = await http.get(`/v1/orders/${order.id}/history`).set(auth).expect(200);
    expect(body.items.map((entry: { kind: string; to: string }) => [entry.kind, entry.to])).toEqual([
      ['created', 'ready'],
      ['transition', 'fulfilling'],
    ]);
    expect(body.items[1]).toEqual(expect.objectContaining({ from: 'ready', requestId: 'job-1', version: 2 }));
  });

  it.each([
    ['no API key', (r: request.Test) => r, 401, 'unauthorized'],
    ['a wrong API key', (r: request.Test) => r.set('Authorization', 'Bearer nope-nope-nope-nope'), 401, 'unauthorized'],
  ])('answers %s with 401 in the error shape', async (_name, decorate, status, code) => {
    const response = await decorate(http.get('/v1/orders')).expect(status);
    expect(response.body).toEqual({ ...ERROR_SHAPE, statusCode: status, code });
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it.each([
    ['/v1/orders?limit=abc', 'limit'],
    ['/v1/orders?limit=501', 'limit'],
    ['/v1/orders?limit=0', 'limit'],
    ['/v1/orders?bogus=1', 'bogus'],
    ['/v1/orders?status=lost', 'status'],
    ['/v1/orders?channel=amazon', 'channel'],
    ['/v1/orders?attention=maybe', 'attention'],
    ['/v1/orders?updatedSince=yesterday', 'updatedSince'],
    ['/v1/orders?updatedSince=2024-W18-3', 'updatedSince'],
    ['/v1/orders?updatedSince=2024-122', 'updatedSince'],
    ['/v1/orders?updatedSince=2024-02-30T00:00:00Z', 'updatedSince'],
    ['/v1/orders?updatedSince=2024-05-01T00:00:00Z&updatedSince=2024-06-01T00:00:00Z', 'updatedSince'],
    ['/v1/orders?attention=1', 'attention'],
    ['/v1/orders?channel=joom&status=shipped&attention=true&limit=-1', 'limit'],
    ['/v1/channels/amazon/orders/1', 'channel'],
  ])('GET %s → 400 naming %s', async (url, field) => {
    const { body } = await http.get(url).set(auth).expect(400);
    expect(body).toEqual({ ...ERROR_SHAPE, statusCode: 400, code: 'validation_failed', details: { fields: [expect.objectContaining({ field })] } });
    expect(body.message).toContain(field);
  });

  it('answers a foreign cursor with 400 invalid_cursor', async () => {
    const { body } = await http.get('/v1/orders?cursor=Zm9v').set(auth).expect(400);
    expect(body).toEqual({ ...ERROR_SHAPE, statusCode: 400, code: 'invalid_cursor', details: { field: 'cursor' } });
  });

  it.each([['/v1/orders/ord_000000000000000000000000'], ['/v1/orders/not-an-id'], ['/v1/orders/ord_000000000000000000000000/history'], ['/v1/channels/joom/orders/unknown-1']])(
    'GET %s → 404 in the error shape',
    async (url) => {
      const { body } = await http.get(url).set(auth).expect(404);
      expect(body).toEqual({ ...ERROR_SHAPE, statusCode: 404, code: 'order_not_found', details: expect.any(Object) });
    },
  );

  it('answers an unknown route with 404 in the error shape', async () => {
    const { body } = await http.get('/v1/nothing-here').set(auth).expect(404);
    expect(body).toEqual({ ...ERROR_SHAPE, statusCode: 404, code: 'route_not_found' });
  });

  it('offers no way to write an arbitrary order', async () => {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      await http[method]('/v1/orders').set(auth).send({ id: 'x' }).expect(404);
      await http[method](`/v1/orders/${order.id}`).set(auth).send({ status: 'delivered' }).expect(404);
    }
    expect((await store.repository.getOrThrow(order.id)).status).toBe('fulfilling');
  });

  it('serves health, metrics and docs without a key', async () => {
    await http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await http.get('/health/ready').expect(200);
    expect(ready.body.info.redis.status).toBe('up');
    expect(ready.body.info.channels).toEqual(expect.objectContaining({ joom: expect.objectContaining({ enabled: false }) }));
    const metrics = await http.get('/metrics').expect(200);
    expect(metrics.text).toMatch(/gateway_http_requests_total\{method="GET",route="\/v1\/orders",status="200"\} \d+/);
    expect(metrics.text).toContain('gateway_http_request_duration_seconds_bucket');
    await http.get('/docs').expect(200);
  });

  it('documents the read endpoints with schemas and the API-key scheme', async () => {
    const { body } = await http.get('/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/v1/orders', '/v1/orders/{id}', '/v1/orders/{id}/history', '/v1/channels/{channel}/orders/{externalId}']));
    expect(body.components.securitySchemes['api-key']).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(body.paths['/v1/orders'].get.responses['200'].content['application/json'].schema.$ref).toContain('OrderPageDto');
    expect(body.components.schemas.OrderDto.properties.allowedActions).toBeDefined();
    expect(body.components.schemas.OrderDto.properties.id.example).toBeDefined();
  });

  it('documents GET /v1/orders/{id} (served outside Nest) as the decorators document the other single-order read', async () => {
    const { body } = await http.get('/docs-json').expect(200);
    const byId = body.paths['/v1/orders/{id}'];
    const byChannel = body.paths['/v1/channels/{channel}/orders/{externalId}'].get;
    expect(Object.keys(byId)).toEqual(['get']);
    expect(byId.get.responses['200'].content).toEqual(byChannel.responses['200'].content);
    for (const status of ['400', '401', '404', '503']) expect(byId.get.responses[status]).toEqual(byChannel.responses[status]);
    expect(Object.keys(byId.get.responses).sort()).toEqual(Object.keys(byChannel.responses).sort());
    expect(byId.get.security).toEqual(byChannel.security);
    expect(byId.get.tags).toEqual(byChannel.tags);
    // Its one parameter is documented from the same DTO the validation uses.
    expect(byId.get.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    const historyPath = body.paths['/v1/orders/{id}/history'].get.parameters.filter((parameter: { in: string }) => parameter.in === 'path');
    expect(historyPath).toEqual(byId.get.parameters);
  });

  it('documents the job routes with their path parameter, and `state` as the required query it is', async () => {
    const { body } = await http.get('/docs-json').expect(200);
    for (const operation of [body.paths['/v1/jobs/{jobId}'].get, body.paths['/v1/jobs/{jobId}/retry'].post]) {
      expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'jobId', in: 'path', required: true })]));
      expect(operation.responses['404'].description).toContain('job_not_found');
    }
    expect(body.paths['/v1/jobs'].get.parameters).toEqual([expect.objectContaining({ name: 'state', in: 'query', required: true })]);
  });

  it('answers GET /v1/orders/{id} errors in the one error shape, with the same hooks as every route', async () => {
    const missingKey = await http.get(`/v1/orders/${order.id}`).set('X-Request-Id', 'read-401').expect(401);
    expect(missingKey.body).toEqual({ statusCode: 401, code: 'unauthorized', message: expect.stringContaining('Bearer') });
    expect(missingKey.headers['www-authenticate']).toBe('Bearer');
    expect(missingKey.headers['x-request-id']).toBe('read-401');
    const wrongKey = await http.get(`/v1/orders/${order.id}`).set('Authorization', 'Bearer not-a-key-0000000000').expect(401);
    expect(wrongKey.body.message).toBe('API key not recognised');
    const tooLong = 'x'.repeat(101);
    const malformed = await http.get(`/v1/orders/${tooLong}`).set(auth).expect(400);
    expect(malformed.body).toEqual(expect.objectContaining({ statusCode: 400, code: 'validation_failed', details: { fields: [expect.objectContaining({ field: 'id' })] } }));
    const history = await http.get(`/v1/orders/${tooLong}/history`).set(auth).expect(400);
    expect(malformed.body).toEqual(history.body);
    const missing = await http.get('/v1/orders/ord_000000000000000000000000').set(auth).expect(404);
    expect(missing.body).toEqual(expect.objectContaining({ statusCode: 404, code: 'order_not_found' }));
    await http.get(`/v1/orders/${order.id}/`).set(auth).expect(200);
    await http.head(`/v1/orders/${order.id}`).set(auth).expect(200);
    const metrics = await http.get('/metrics').expect(200);
    expect(metrics.text).toMatch(/gateway_http_requests_total\{method="GET",route="\/v1\/orders\/:id",status="200"\} \d+/);
    expect(metrics.text).toMatch(/gateway_http_requests_total\{method="GET",route="\/v1\/orders\/:id",status="404"\} \d+/);
  });

  it('echoes a request id', async () => {
    const response = await http.get('/health/live').set('X-Request-Id', 'abc-123');
    expect(response.headers['x-request-id']).toBe('abc-123');
  });
});
