import { INestApplication } from '@nestjs/common';
import { Cluster } from 'ioredis';
import request from 'supertest';
import { ALL_QUEUES } from '@app/queues';
import { startApi, testConfig } from '../support/api-fixture';
import { openQueue } from '../support/queue-fixtures';
import { flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

const LIMIT = 3;
const KEY_A = 'rate-limit-key-a-0123456789';
const KEY_B = 'rate-limit-key-b-0123456789';
const as = (key: string) => ({ Authorization: `Bearer ${key}` });

/** Jobs in every queue the gateway runs, whatever their state. */
async function jobsQueued(): Promise<number> {
  let total = 0;
  for (const name of ALL_QUEUES) {
    const { queue, close } = openQueue(name);
    const counts = await queue.getJobCounts();
    total += Object.values(counts).reduce((sum, count) => sum + count, 0);
    await close();
  }
  return total;
}

describe('COMMAND_RATE_LIMIT_PER_MINUTE: per API key, across the command routes', () => {
  let app: INestApplication;
  let store: StoreFixture;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    app = await startApi(testConfig({ API_KEYS: `${KEY_A},${KEY_B}`, ADMIN_API_KEYS: KEY_A, COMMAND_RATE_LIMIT_PER_MINUTE: String(LIMIT), JOOM_ACCESS_TOKEN: 'joom-token-not-used-here-0123' }));
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answers 429 rate_limited with Retry-After past the limit, queues nothing for it, and leaves another key alone', async () => {
    // Within one minute window: a request that lands just past a boundary would count in a fresh window.
    const second = new Date().getSeconds();
    if (second > 50) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1_000));
    const orders = await Promise.all(Array.from({ length: LIMIT + 2 }, () => insert(store.repository, newOrder())));
    for (const order of orders.slice(0, LIMIT)) await http.post(`/v1/orders/${order.id}/cancel`).set(as(KEY_A)).send({ reason: 'other' }).expect(202);
    const queued = await jobsQueued();
    expect(queued).toBeGreaterThan(0);

    const refused = await http.post(`/v1/orders/${orders[LIMIT].id}/cancel`).set(as(KEY_A)).send({ reason: 'other' }).expect(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      code: 'rate_limited',
      message: expect.stringContaining(`${LIMIT} command requests`),
      details: { limitPerMinute: LIMIT, retryAfterSeconds: expect.any(Number) },
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBe(refused.body.details.retryAfterSeconds);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await jobsQueued()).toBe(queued);
    expect((await store.repository.history(orders[LIMIT].id)).map((entry) => entry.kind)).toEqual(['created']);

    // Every command route counts against the same key's limit.
    await http.put(`/v1/orders/${orders[LIMIT].id}/shipping-address`).set(as(KEY_A)).send({}).expect(429);
    await http.post('/v1/channels/joom/sync').set(as(KEY_A)).expect(429);
    // Retries are for admin keys (KEY_A is one): the role is checked first, then the limit.
    await http.post('/v1/jobs/some-job/retry').set(as(KEY_A)).expect(429);
    // Reads are not limited.
    await http.get(`/v1/orders/${orders[LIMIT].id}`).set(as(KEY_A)).expect(200);

    // Another key has its own count.
    await http
      .post(`/v1/orders/${orders[LIMIT + 1].id}/cancel`)
      .set(as(KEY_B))
      .send({ reason: 'other' })
      .expect(202);
  });

  it('counts per caller id in Redis, never the key itself', async () => {
    const masters = store.redis instanceof Cluster ? store.redis.nodes('master') : [store.redis];
    const keys = (await Promise.all(masters.map((node) => node.keys('gw:rate:*')))).flat();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatch(/^gw:rate:commands:api-key:[0-9a-f]{8}:\d+$/);
      expect(key).not.toContain(KEY_A);
    }
  });

  it('documents the 429 with Retry-After on every command route', async () => {
    const { body } = await http.get('/docs-json').expect(200);
    const routes: [string, string][] = [
      ['/v1/orders/{id}/fulfill', 'post'],
      ['/v1/orders/{id}/cancel', 'post'],
      ['/v1/orders/{id}/reject', 'post'],
      ['/v1/orders/{id}/tracking', 'post'],
      ['/v1/orders/{id}/shipping-address', 'put'],
      ['/v1/channels/{channel}/sync', 'post'],
      ['/v1/jobs/{jobId}/retry', 'post'],
    ];
    for (const [path, method] of routes) {
      expect([path, Object.keys(body.paths[path][method].responses['429'].headers)]).toEqual([path, ['Retry-After']]);
    }
    expect(body.paths['/v1/orders'].get.responses['429']).toBeUndefined();
  });
});
