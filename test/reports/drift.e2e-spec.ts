import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CanonicalOrder } from '@app/orders';
import { DeepPartial } from '@app/orders/testing';
import { auth, startApi } from '../support/api-fixture';
import { flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

// Needs ReportsModule in the api's imports (apps/api/src/api.module.ts).

interface DriftItemBody {
  orderId: string;
  kind: string;
}

const atFlexport = (providerStatus: string, trackingPushedAt: string | null = null): DeepPartial<CanonicalOrder> => ({
  fulfillment: { provider: 'flexport', providerOrderId: '1234567', providerStatus, trackingPushedAt },
});

/** What each drifting order must be reported as (Joom is read through the default v3 table). */
const DRIFTING: [string, DeepPartial<CanonicalOrder>, string[]][] = [
  ['shipped at Flexport, Joom not told', { status: 'fulfilling', ...atFlexport('SHIPPED') }, ['flexport_shipped_not_on_channel', 'provider_ahead']],
  ['we shipped, Joom still approved', { status: 'shipped', channelStatus: 'approved', fulfillment: { provider: 'merchant' } }, ['channel_behind']],
  ['Akinon shipped, we still say ready', { channel: 'akinon', status: 'ready', channelStatus: '500' }, ['channel_ahead']],
  ['Flexport cancelled while fulfilling', { channel: 'akinon', status: 'fulfilling', channelStatus: '200', ...atFlexport('CANCELLED') }, ['provider_ahead']],
];

const IN_STEP: DeepPartial<CanonicalOrder>[] = [
  { status: 'ready', channelStatus: 'approved' },
  { status: 'fulfilling', channelStatus: 'approved', ...atFlexport('CREATED') },
  { status: 'shipped', channelStatus: 'shipped', ...atFlexport('SHIPPED', '2024-01-16T10:00:00.000Z') },
  { channel: 'akinon', status: 'shipped', channelStatus: '500' },
  { status: 'ready', channelStatus: 'onHold' }, // unmapped: an attention, not drift
];

const pairs = (items: DriftItemBody[]) => items.map((item) => `${item.orderId}/${item.kind}`);

describe('GET /v1/reports/drift', () => {
  let app: INestApplication;
  let store: StoreFixture;
  let http: ReturnType<typeof request>;
  let expected: string[];
  let orders: CanonicalOrder[];

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    orders = [];
    expected = [];
    // Interleave drifting and in-step orders so paging crosses both.
    for (let i = 0; i < Math.max(DRIFTING.length, IN_STEP.length); i++) {
      if (DRIFTING[i]) {
        const [, overrides, kinds] = DRIFTING[i];
        const order = await insert(store.repository, newOrder(overrides));
        orders.push(order);
        expected.push(...kinds.map((kind) => `${order.id}/${kind}`));
      }
      if (IN_STEP[i]) orders.push(await insert(store.repository, newOrder(IN_STEP[i])));
    }
    app = await startApi();
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('lists exactly the drifting orders with their kinds', async () => {
    const { body } = await http.get('/v1/reports/drift').set(auth).expect(200);
    expect(body.nextCursor).toBeNull();
    expect(body.scanned).toBe(orders.length);
    expect(pairs(body.items).sort()).toEqual([...expected].sort());
  });

  it('describes each item', async () => {
    const { body } = await http.get('/v1/reports/drift').set(auth).expect(200);
    const akinonAhead = orders.find((order) => order.channel === 'akinon' && order.channelStatus === '500' && order.status === 'ready')!;
    expect(body.items).toContainEqual({
      orderId: akinonAhead.id,
      channel: 'akinon',
      externalId: akinonAhead.externalId,
      kind: 'channel_ahead',
      canonicalStatus: 'ready',
      remoteStatus: '500',
      detail: 'Akinon already shows 500 (shipped) while the order is still ready.',
      since: akinonAhead.updatedAt,
    });
  });

  it.each([1, 2])('pages with limit=%i return each item once', async (limit) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: request.Response = await http
        .get('/v1/reports/drift')
        .query(cursor ? { limit, cursor } : { limit })
        .set(auth)
        .expect(200);
      seen.push(...pairs(response.body.items));
      cursor = response.body.nextCursor;
    } while (cursor !== null && ++pages < 50);
    expect(seen.sort()).toEqual([...expected].sort());
  });

  it('filters by channel', async () => {
    const { body } = await http.get('/v1/reports/drift?channel=akinon').set(auth).expect(200);
    expect(body.items.map((item: { channel: string }) => item.channel)).toEqual(['akinon', 'akinon']);
    expect(body.items.map((item: DriftItemBody) => item.kind).sort()).toEqual(['channel_ahead', 'provider_ahead']);
  });

  it.each([
    ['/v1/reports/drift?limit=0', 'limit'],
    ['/v1/reports/drift?limit=501', 'limit'],
    ['/v1/reports/drift?channel=amazon', 'channel'],
    ['/v1/reports/drift?status=ready', 'status'],
  ])('GET %s → 400 naming %s', async (url, field) => {
    const { body } = await http.get(url).set(auth).expect(400);
    expect(body.code).toBe('validation_failed');
    expect(body.details.fields.map((entry: { field: string }) => entry.field)).toContain(field);
  });

  it('refuses a forged cursor and a missing key', async () => {
    expect((await http.get('/v1/reports/drift?cursor=bm9wZQ').set(auth).expect(400)).body.code).toBe('invalid_cursor');
    expect((await http.get('/v1/reports/drift').expect(401)).body.code).toBe('unauthorized');
  });

  it('exposes the counts on /metrics and documents the endpoint', async () => {
    const { text } = await http.get('/metrics').expect(200);
    expect(text).toContain('gateway_drift_orders{kind="flexport_shipped_not_on_channel"} 1');
    expect(text).toContain('gateway_drift_orders{kind="provider_ahead"} 2');
    expect(text).toContain('gateway_drift_orders{kind="channel_behind"} 1');
    expect(text).toContain('gateway_drift_orders{kind="channel_ahead"} 1');
    const docs = await http.get('/docs-json').expect(200);
    expect(docs.body.paths['/v1/reports/drift'].get.security).toEqual([{ 'api-key': [] }]);
  });
});
