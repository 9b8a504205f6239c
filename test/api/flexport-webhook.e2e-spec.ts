import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { signFlexportWebhook } from '@app/flexport';
import { CanonicalOrder } from '@app/orders';
import { SYSTEM_QUEUES } from '@app/queues';
import { startApi, testConfig } from '../support/api-fixture';
import { openQueue, TestQueue } from '../support/queue-fixtures';
import { flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

jest.setTimeout(30_000);

const TOKEN = 'webhook-e2e-token-0123456789';
const SECRET = 'webhook-e2e-secret-0123456789';

/**
 * The Flexport webhook as Flexport calls it (docs/api-decisions.md FX-7,
 * FX-8): the body signature over the exact bytes sent, the shared token, and
 * a replayed delivery acknowledged without queueing anything. No worker runs:
 * what a delivery queued stays visible in the queue.
 */
describe('POST /v1/webhooks/flexport: signature, token and replays', () => {
  let store: StoreFixture;
  let queue: TestQueue;
  let order: CanonicalOrder;
  let serial = 0;

  const event = (fields: Record<string, unknown> = {}) => ({
    logisticsEventId: `evt-${Date.now()}-${serial++}`,
    logisticsEventType: 'Order.Shipped',
    logisticsEventTime: '2024-05-02T14:00:00Z',
    orderId: '90000001',
    externalOrderId: order.id,
    ...fields,
  });
  /** Sends `raw` exactly as given (the signature is over these bytes, not a re-serialisation). */
  const deliver = (app: INestApplication, raw: string, headers: Record<string, string>) => {
    let call = request(app.getHttpServer()).post('/v1/webhooks/flexport').set('Content-Type', 'application/json');
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    return call.send(raw);
  };
  const queued = async () => Object.values(await queue.queue.getJobCounts()).reduce((sum, count) => sum + count, 0);
  const withApi = async (env: Record<string, string>, run: (app: INestApplication) => Promise<void>) => {
    const app = await startApi(testConfig({ FLEXPORT_API_TOKEN: 'flexport-token-unused', ...env }));
    try {
      await run(app);
    } finally {
      await app.close();
    }
  };

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    queue = openQueue(SYSTEM_QUEUES.flexport);
    order = await insert(store.repository, newOrder({ channel: 'joom', externalId: 'webhook-e2e-1' }));
  });
  beforeEach(() => queue.queue.obliterate({ force: true }));
  afterAll(async () => {
    await queue?.close();
    await store?.close();
  });

  it('with a secret: accepts the signed raw body, refuses a wrong, missing or re-serialised signature', () =>
    withApi({ FLEXPORT_WEBHOOK_SECRET: SECRET }, async (app) => {
      // Spacing and key order a JSON re-serialisation would change.
      const raw = `{ "externalOrderId" : "${order.id}",\n  ${JSON.stringify(event()).slice(1, -1)} }`;
      await deliver(app, raw, { 'X-Hub-Signature-256': signFlexportWebhook(SECRET, JSON.stringify(JSON.parse(raw))) }).expect(401);
      await deliver(app, raw, { 'X-Hub-Signature-256': signFlexportWebhook('another-secret-0123456789', raw) }).expect(401);
      await deliver(app, raw, {}).expect(401);
      await deliver(app, raw, { 'x-webhook-token': TOKEN }).expect(401);
      expect(await queued()).toBe(0);
      const accepted = await deliver(app, raw, { 'X-Hub-Signature-256': signFlexportWebhook(SECRET, raw) }).expect(202);
      expect(accepted.body).toEqual({ accepted: true, orderId: order.id });
      expect(await queued()).toBe(1);
    }));

  it('reads the signature from the configured header', () =>
    withApi({ FLEXPORT_WEBHOOK_SECRET: SECRET, FLEXPORT_WEBHOOK_SIGNATURE_HEADER: 'X-Flexport-Signature' }, async (app) => {
      const raw = JSON.stringify(event());
      await deliver(app, raw, { 'X-Hub-Signature-256': signFlexportWebhook(SECRET, raw) }).expect(401);
      await deliver(app, raw, { 'X-Flexport-Signature': signFlexportWebhook(SECRET, raw) }).expect(202);
    }));

  it('with token and secret both configured, requires both', () =>
    withApi({ FLEXPORT_WEBHOOK_SECRET: SECRET, FLEXPORT_WEBHOOK_TOKEN: TOKEN }, async (app) => {
      const raw = JSON.stringify(event());
      const signature = signFlexportWebhook(SECRET, raw);
      await deliver(app, raw, { 'X-Hub-Signature-256': signature }).expect(401);
      await deliver(app, raw, { 'x-webhook-token': TOKEN }).expect(401);
      await deliver(app, raw, { 'x-webhook-token': TOKEN, 'X-Hub-Signature-256': signature }).expect(202);
    }));

  it('with neither configured, refuses everything', () =>
    withApi({}, async (app) => {
      const raw = JSON.stringify(event());
      const response = await deliver(app, raw, { 'x-webhook-token': TOKEN, 'X-Hub-Signature-256': signFlexportWebhook(SECRET, raw) }).expect(401);
      expect(JSON.stringify(response.body)).not.toContain(SECRET);
    }));

  it('a replayed delivery (same logisticsEventId) is acknowledged and queues nothing; a later attempt’s id reaches the same order', () =>
    withApi({ FLEXPORT_WEBHOOK_TOKEN: TOKEN }, async (app) => {
      const first = JSON.stringify(event());
      expect((await deliver(app, first, { 'x-webhook-token': TOKEN }).expect(202)).body).toEqual({ accepted: true, orderId: order.id });
      // The refresh ran and is gone; Flexport delivers the same event again.
      await queue.queue.obliterate({ force: true });
      expect((await deliver(app, first, { 'x-webhook-token': TOKEN }).expect(202)).body).toEqual({ accepted: false, reason: 'already received' });
      expect(await queued()).toBe(0);

      const secondAttempt = JSON.stringify(event({ externalOrderId: `${order.id}-2` }));
      expect((await deliver(app, secondAttempt, { 'x-webhook-token': TOKEN }).expect(202)).body).toEqual({ accepted: true, orderId: order.id });
      expect(await queued()).toBe(1);
    }));
});
