import { INestApplication } from '@nestjs/common';
import request, { Response, Test } from 'supertest';
import { CanonicalOrder } from '@app/orders';
import { ALL_QUEUES } from '@app/queues';
import { orderIdFor } from '@app/store';
import { adminAuth, auth, startApi, testConfig, TEST_API_KEY } from '../support/api-fixture';
import { expectErrorAnswer, longString, watchWorld, World } from '../support/bad-input-fixtures';
import { flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

/*
 * Every other endpoint that takes input — list and read queries, path ids,
 * jobs, drift report, sync, the Flexport webhook and the auth header — fed
 * bad input against the real api pipeline and Redis (no worker: anything a
 * request wrongly queued would stay visible in the queue counts).
 */

const WEBHOOK_TOKEN = 'bad-input-webhook-token-0123456789';
const EXTERNAL_ID = 'bad-input-ext-1';
/** The stored order's gateway id, known before it is stored (tables are built before beforeAll runs). */
const ORDER_ID = orderIdFor('joom', 'main', EXTERNAL_ID);
const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('bad input: reads, queries, jobs, sync, webhook and auth', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let store: StoreFixture;
  let world: World;
  let order: CanonicalOrder;

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    // Joom and Flexport enabled (credentials set) so sync and webhooks get past "disabled"; Akinon stays disabled.
    app = await startApi(testConfig({ JOOM_ACCESS_TOKEN: 'joom-token-unused', FLEXPORT_API_TOKEN: 'flexport-token-unused', FLEXPORT_WEBHOOK_TOKEN: WEBHOOK_TOKEN }));
    http = request(app.getHttpServer());
    order = await insert(store.repository, newOrder({ channel: 'joom', externalId: EXTERNAL_ID }));
    world = watchWorld({ store, queues: ALL_QUEUES, targets: () => [order.id] });
  });
  afterAll(async () => {
    await world?.close();
    await app?.close();
    await store?.close();
  });

  /** A refused request: the error answer, then proof that nothing changed (no order, event or job anywhere). */
  async function expectRefused(send: () => Test, status: number, code: string, field?: string): Promise<Response> {
    const before = await world.snapshot();
    const response = await send();
    expectErrorAnswer(response, status, code, field);
    expect(await world.snapshot()).toEqual(before);
    return response;
  }

  const get = (url: string) => () => http.get(url).set(auth);

  describe('GET /v1/orders query parameters → 400 naming the parameter', () => {
    it.each([
      ['limit=99999999999999999999999', 'limit'],
      ['limit=501', 'limit'],
      ['limit=0', 'limit'],
      ['limit=-1', 'limit'],
      ['limit=-99999999', 'limit'],
      ['limit=1.5', 'limit'],
      ['limit=0x10', 'limit'],
      ['limit=1e2', 'limit'],
      ['limit=%2010', 'limit'],
      ['limit=', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=%2250%22', 'limit'],
      ['limit=NaN', 'limit'],
      ['limit=Infinity', 'limit'],
      ['limit=1&limit=2', 'limit'],
      ['channel=amazon', 'channel'],
      ['channel=JOOM', 'channel'],
      ['channel=joom&channel=akinon', 'channel'],
      ['channel[x]=joom', 'channel[x]'],
      ['status=lost', 'status'],
      ['status=READY', 'status'],
      ['attention=1', 'attention'],
      ['attention=yes', 'attention'],
      ['updatedSince=yesterday', 'updatedSince'],
      ['updatedSince=2024-02-30T00:00:00Z', 'updatedSince'],
      ['updatedSince=2024-13-01T00:00:00Z', 'updatedSince'],
      ['updatedSince=2024-05-01T25:00:00Z', 'updatedSince'],
      ['updatedSince=1714560000', 'updatedSince'],
      ['updatedSince=99999-01-01T00:00:00Z', 'updatedSince'],
      ['updatedSince=2024-05-01%2000:00:00', 'updatedSince'],
      [`updatedSince=${longString(10_000, '9')}`, 'updatedSince'],
      ['cursor=', 'cursor'],
      [`cursor=${longString(10_000)}`, 'cursor'],
      ['bogus=1', 'bogus'],
      ['__proto__=1', '__proto__'],
      ['__proto__[polluted]=1', '__proto__[polluted]'],
      ['constructor=1', 'constructor'],
      ['constructor[prototype][polluted]=1', 'constructor[prototype][polluted]'],
    ])('?%s', async (query, field) => {
      await expectRefused(get(`/v1/orders?${query}`), 400, 'validation_failed', field);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each([
      ['random base64', b64('a7f3c9e1d2b4')],
      ['base64 of a JSON object we never issued', b64('{"shards":{"0":"x"},"v":1}')],
      ['base64 of JSON null', b64('null')],
      ['garbage characters', '%25%25%25!!***'],
      ['a NUL byte', '%00'],
      ['an emoji', '%F0%9F%93%A6'],
    ])('a cursor that is %s → 400 invalid_cursor', async (_case, cursor) => {
      await expectRefused(get(`/v1/orders?cursor=${cursor}`), 400, 'invalid_cursor', 'cursor');
    });

    it('names every bad parameter at once', async () => {
      const response = await expectRefused(get('/v1/orders?limit=0&status=lost&bogus=1'), 400, 'validation_failed');
      expect(response.body.details.fields.map((row: { field: string }) => row.field).sort()).toEqual(['bogus', 'limit', 'status']);
    });
  });

  describe('ids in the path of GET /v1/orders/{id}, /history and /v1/channels/{channel}/orders/{externalId}', () => {
    it.each([
      ['/v1/orders/', longString(10_000), 400, 'validation_failed', 'id'],
      ['/v1/orders/', '%00', 400, 'validation_failed', 'id'],
      ['/v1/orders/', 'ord_%E2%80%8B', 400, 'validation_failed', 'id'],
      ['/v1/orders/', '%E2%80%AEdro', 400, 'validation_failed', 'id'],
      ['/v1/orders/', '%ED%A0%80', 400, 'bad_request', undefined],
      ['/v1/orders/', '%E0%A4%A', 400, 'bad_request', undefined],
      ['/v1/orders/', '..%2F..%2Fetc%2Fpasswd', 404, 'order_not_found', undefined],
      ['/v1/orders/', '%2e%2e', 404, 'order_not_found', undefined],
      ['/v1/orders/', '%F0%9F%93%A6', 404, 'order_not_found', undefined],
      ['/v1/orders/', 'ord_000000000000000000000000', 404, 'order_not_found', undefined],
    ] as [string, string, number, string, string | undefined][])('%s%s → %i', async (prefix, id, status, code, field) => {
      await expectRefused(get(`${prefix}${id}`), status, code, field);
      await expectRefused(get(`${prefix}${id}/history`), status, code, field);
    });

    it.each([
      ['amazon/orders/1', 400, 'validation_failed', 'channel'],
      ['JOOM/orders/1', 400, 'validation_failed', 'channel'],
      [`joom/orders/${longString(10_000)}`, 400, 'validation_failed', 'externalId'],
      ['joom/orders/%00', 400, 'validation_failed', 'externalId'],
      ['joom/orders/a%E2%80%8Bb', 400, 'validation_failed', 'externalId'],
      ['joom/orders/..%2F..%2Fetc', 404, 'order_not_found', undefined],
      ['joom/orders/bad-input-ext-1?account=', 400, 'validation_failed', 'account'],
      [`joom/orders/bad-input-ext-1?account=${longString(10_000)}`, 400, 'validation_failed', 'account'],
      ['joom/orders/bad-input-ext-1?account=main%00', 400, 'validation_failed', 'account'],
      ['joom/orders/bad-input-ext-1?account=main&account=other', 400, 'validation_failed', 'account'],
      ['joom/orders/bad-input-ext-1?bogus=1', 400, 'validation_failed', 'bogus'],
      ['joom/orders/bad-input-ext-1?account=elsewhere', 404, 'order_not_found', undefined],
    ] as [string, number, string, string | undefined][])('/v1/channels/%s → %i', async (path, status, code, field) => {
      await expectRefused(get(`/v1/channels/${path}`), status, code, field);
    });

    it.each([
      ['a 20,000-character id in the URL', () => http.get(`/v1/orders/${longString(20_000)}`).set(auth)],
      ['a 20,000-character header', () => http.get(`/v1/orders/${ORDER_ID}`).set(auth).set('X-Padding', longString(20_000))],
    ])('%s (past node’s 16 kB header limit) → 431 in the error shape, not an empty reply', async (_case, send) => {
      await expectRefused(send, 431, 'header_too_large');
    });

    it('echoes the request id when the router or the body parser refuses a request, and counts both refusals', async () => {
      const badUrl = await http.get('/v1/orders/%E0%A4%A').set(auth).set('X-Request-Id', 'bad-url-1').expect(400);
      expect(badUrl.headers['x-request-id']).toBe('bad-url-1');
      const badJson = await http.post(`/v1/orders/${ORDER_ID}/cancel`).set(auth).set('X-Request-Id', 'bad-json-1').set('Content-Type', 'application/json').send('{"reason":').expect(400);
      expect(badJson.body.code).toBe('malformed_body');
      expect(badJson.headers['x-request-id']).toBe('bad-json-1');
      const metrics = await http.get('/metrics').expect(200);
      expect(metrics.text).toMatch(/gateway_http_requests_total\{method="POST",route="\/v1\/orders\/:id\/cancel",status="400"\} \d+/);
      // The router's refusal runs no fastify hook; bootstrap passes it to the metrics (and the request log) itself.
      expect(metrics.text).toMatch(/gateway_http_requests_total\{method="GET",route="unmatched",status="400"\} [1-9]/);
    });

    it('still answers the good requests (the cases above are refused for their input, not for the order)', async () => {
      await http.get(`/v1/orders/${order.id}`).set(auth).expect(200);
      await http.get(`/v1/orders/${order.id}/history`).set(auth).expect(200);
      await http.get('/v1/channels/joom/orders/bad-input-ext-1?account=main').set(auth).expect(200);
    });
  });

  describe('jobs', () => {
    it.each([
      ['GET', `/v1/jobs/${longString(10_000)}`, 400, 'validation_failed', 'jobId'],
      ['GET', '/v1/jobs/%00', 400, 'validation_failed', 'jobId'],
      ['GET', '/v1/jobs/no-such-job', 404, 'job_not_found', undefined],
      ['GET', '/v1/jobs/..%2F..%2Fetc', 404, 'job_not_found', undefined],
      ['GET', '/v1/jobs', 400, 'validation_failed', 'state'],
      ['GET', '/v1/jobs?state=waiting', 400, 'validation_failed', 'state'],
      ['GET', '/v1/jobs?state=failed&state=failed', 400, 'validation_failed', 'state'],
      ['GET', '/v1/jobs?state=failed&limit=5', 400, 'validation_failed', 'limit'],
      ['POST', `/v1/jobs/${longString(300)}/retry`, 400, 'validation_failed', 'jobId'],
      ['POST', '/v1/jobs/no-such-job/retry', 404, 'job_not_found', undefined],
    ] as [string, string, number, string, string | undefined][])('%s %s → %i', async (method, url, status, code, field) => {
      // A retry needs an admin key: with a plain API key it would be refused 403 before its input is read.
      await expectRefused(() => (method === 'GET' ? http.get(url).set(auth) : http.post(url).set(adminAuth)), status, code, field);
    });

    it.each([
      ['a field', '{"force":true}', 400, 'validation_failed', 'force'],
      ['__proto__', '{"__proto__":{"polluted":true}}', 400, 'validation_failed', '__proto__'],
      ['broken JSON', '{"force":', 400, 'malformed_body', 'body'],
      ['an array', '[]', 400, 'malformed_body', 'body'],
      ['a 2 MB body', `{"x":"${longString(2_000_000)}"}`, 413, 'payload_too_large', 'body'],
    ])('POST /v1/jobs/{id}/retry with %s → %i', async (_case, body, status, code, field) => {
      await expectRefused(() => http.post('/v1/jobs/no-such-job/retry').set(adminAuth).set('Content-Type', 'application/json').send(body), status, code, field);
    });

    it('POST /v1/jobs/{id}/retry with a text body → 415', async () => {
      await expectRefused(() => http.post('/v1/jobs/no-such-job/retry').set(adminAuth).set('Content-Type', 'text/plain').send('please'), 415, 'unsupported_media_type', 'Content-Type');
    });
  });

  describe('GET /v1/reports/drift', () => {
    it.each([
      ['limit=-5', 400, 'validation_failed', 'limit'],
      ['limit=2.5', 400, 'validation_failed', 'limit'],
      ['limit=1e3', 400, 'validation_failed', 'limit'],
      ['limit=99999999999999999999', 400, 'validation_failed', 'limit'],
      ['channel=ebay', 400, 'validation_failed', 'channel'],
      ['bogus=1', 400, 'validation_failed', 'bogus'],
      ['__proto__=1', 400, 'validation_failed', '__proto__'],
      ['cursor=', 400, 'validation_failed', 'cursor'],
      [`cursor=${longString(10_000)}`, 400, 'validation_failed', 'cursor'],
      ['cursor=garbage', 400, 'invalid_cursor', 'cursor'],
      [`cursor=${b64('{"a":1}')}`, 400, 'invalid_cursor', 'cursor'],
    ] as [string, number, string, string][])('?%s → %i', async (query, status, code, field) => {
      await expectRefused(get(`/v1/reports/drift?${query}`), status, code, field);
    });
  });

  describe('POST /v1/channels/{channel}/sync', () => {
    const sync =
      (channel: string, body?: string, type = 'application/json') =>
      () => {
        const call = http.post(`/v1/channels/${channel}/sync`).set(auth);
        return body === undefined ? call : call.set('Content-Type', type).send(body);
      };

    it.each([
      ['an unknown channel', sync('amazon'), 400, 'validation_failed', 'channel'],
      ['a 10,000-character channel', sync(longString(10_000)), 400, 'validation_failed', 'channel'],
      ['a disabled channel', sync('akinon'), 422, 'channel_disabled', undefined],
      ['a body with a field', sync('joom', '{"since":"2024-01-01"}'), 400, 'validation_failed', 'since'],
      ['a body with __proto__', sync('joom', '{"__proto__":{"polluted":true}}'), 400, 'validation_failed', '__proto__'],
      ['broken JSON', sync('joom', '{'), 400, 'malformed_body', 'body'],
      ['JSON null', sync('joom', 'null'), 400, 'malformed_body', 'body'],
      ['a text body', sync('joom', 'now please', 'text/plain'), 415, 'unsupported_media_type', 'Content-Type'],
    ] as [string, () => Test, number, string, string | undefined][])('%s → %i, no sync queued', async (_case, send, status, code, field) => {
      await expectRefused(send, status, code, field);
    });

    it('accepts an empty object as "no body" (and queues exactly one sync)', async () => {
      const before = await world.snapshot();
      await sync('joom', '{}')().expect(202);
      expect((await world.snapshot()).jobs['sync-joom']).toBe(before.jobs['sync-joom'] + 1);
    });
  });

  describe('POST /v1/webhooks/flexport', () => {
    const webhook =
      (body: string, headers: Record<string, string> = { 'x-webhook-token': WEBHOOK_TOKEN }, type = 'application/json') =>
      () => {
        let call = http.post('/v1/webhooks/flexport').set('Content-Type', type);
        for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
        return call.send(body);
      };
    const event = (fields: Record<string, unknown>) =>
      JSON.stringify({ logisticsEventId: 'evt_1', logisticsEventType: 'Order.Shipped', logisticsEventTime: '2024-05-02T14:00:00Z', orderId: '1234567', externalOrderId: ORDER_ID, ...fields });

    it.each([
      ['no token', webhook(event({}), {}), 401, 'unauthorized', undefined],
      ['a wrong token', webhook(event({}), { 'x-webhook-token': 'wrong-token-0123456789' }), 401, 'unauthorized', undefined],
      ['a 10,000-character token', webhook(event({}), { 'x-webhook-token': longString(10_000) }), 401, 'unauthorized', undefined],
      ['an API key instead of the token', webhook(event({}), { Authorization: `Bearer ${TEST_API_KEY}` }), 401, 'unauthorized', undefined],
      ['broken JSON', webhook('{"logisticsEventId":'), 400, 'malformed_body', 'body'],
      ['JSON null', webhook('null'), 400, 'malformed_body', 'body'],
      ['a JSON string', webhook('"Order.Shipped"'), 400, 'malformed_body', 'body'],
      ['an array', webhook(`[${event({})}]`), 400, 'invalid_webhook', 'body'],
      ['an empty object', webhook('{}'), 400, 'invalid_webhook', 'logisticsEventId'],
      ['a numeric event id', webhook(event({ logisticsEventId: 5 })), 400, 'invalid_webhook', 'logisticsEventId'],
      ['an event type that is an object', webhook(event({ logisticsEventType: { name: 'Order.Shipped' } })), 400, 'invalid_webhook', 'logisticsEventType'],
      ['a bad event time', webhook(event({ logisticsEventTime: 'yesterday' })), 400, 'invalid_webhook', 'logisticsEventTime'],
      ['an order id that is an array', webhook(event({ orderId: ['1234567'] })), 400, 'invalid_webhook', 'orderId'],
      ['an externalOrderId that is a number', webhook(event({ externalOrderId: 42 })), 400, 'invalid_webhook', 'externalOrderId'],
      ['__proto__', webhook(`{"__proto__":{"polluted":true},${event({}).slice(1)}`), 400, 'validation_failed', '__proto__'],
      ['a 2 MB body', webhook(event({ padding: longString(2_000_000) })), 413, 'payload_too_large', 'body'],
      ['a text body', webhook(event({}), { 'x-webhook-token': WEBHOOK_TOKEN }, 'text/plain'), 415, 'unsupported_media_type', 'Content-Type'],
    ] as [string, () => Test, number, string, string | undefined][])('%s → %i, no refresh queued', async (_case, send, status, code, field) => {
      await expectRefused(send, status, code, field);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each([
      ['an order the gateway does not know', 'ord_000000000000000000000000'],
      ['an externalOrderId that is not a gateway id', '../../etc/passwd'],
      ['a 10,000-character externalOrderId', longString(10_000)],
    ])('acknowledges %s without storing or queueing anything', async (_case, externalOrderId) => {
      const before = await world.snapshot();
      const response = await webhook(event({ externalOrderId }))().expect(202);
      expect(response.body).toEqual({ accepted: false, reason: 'not a gateway order' });
      expect(await world.snapshot()).toEqual(before);
    });
  });

  describe('the Authorization header', () => {
    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['the scheme alone', 'Bearer'],
      ['the scheme and a space', 'Bearer '],
      ['another scheme', `Token ${TEST_API_KEY}`],
      ['Basic auth with the key as password', `Basic ${Buffer.from(`ops:${TEST_API_KEY}`).toString('base64')}`],
      ['the key without a scheme', TEST_API_KEY],
      ['the key and more words', `Bearer ${TEST_API_KEY} extra`],
      ['a prefix of the key', `Bearer ${TEST_API_KEY.slice(0, -1)}`],
      ['the key with a character more', `Bearer ${TEST_API_KEY}x`],
      ['a 10,000-character key', `Bearer ${longString(10_000)}`],
      ['non-ASCII bytes', `Bearer ${Buffer.from('ключ-0123456789abcdef', 'utf8').toString('latin1')}`],
    ])('%s → 401 unauthorized with a Bearer challenge', async (_case, header) => {
      const response = await expectRefused(() => (header === undefined ? http.get('/v1/orders') : http.get('/v1/orders').set('Authorization', header)), 401, 'unauthorized');
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(JSON.stringify(response.body)).not.toContain(TEST_API_KEY);
    });

    it('accepts the scheme in any case and extra spaces before the key', async () => {
      await http.get('/v1/orders').set('Authorization', `bearer ${TEST_API_KEY}`).expect(200);
      await http.get('/v1/orders').set('Authorization', `Bearer   ${TEST_API_KEY}`).expect(200);
    });
  });
});
