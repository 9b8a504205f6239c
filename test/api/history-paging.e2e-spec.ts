import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CanonicalOrder } from '@app/orders';
import { OrderRepository } from '@app/store';
import { auth, startApi, testConfig } from '../support/api-fixture';
import { flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

const NEXT_LINK = /^<(\/v1\/orders\/[^>]+)>; rel="next"$/;

describe('GET /v1/orders/{id}/history: paged, bounded', () => {
  let app: INestApplication;
  let store: StoreFixture;
  let order: CanonicalOrder;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    app = await startApi(testConfig({ HISTORY_MAX_ENTRIES_PER_ORDER: '10' }));
    http = request(app.getHttpServer());
    order = await insert(store.repository, newOrder());
    // Through the api's own store (its bound, 10): 12 entries saved, the 2 oldest trimmed.
    const repository = app.get(OrderRepository);
    for (let n = 1; n <= 11; n++) {
      await repository.mutate(order.id, (current) => ({
        order: { ...current!, updatedAt: new Date().toISOString() },
        history: [{ kind: 'annotation', at: new Date().toISOString(), from: 'ready', to: 'ready', cause: 'command', actor: 'test', requestId: null, note: `n${n}` }],
      }));
    }
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answers every kept entry without limit, in the { items } body, with the trimmed count and no Link', async () => {
    const response = await http.get(`/v1/orders/${order.id}/history`).set(auth).expect(200);
    expect(response.body.items.map((entry: { note: string }) => entry.note)).toEqual(['n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9', 'n10', 'n11']);
    expect(response.headers['x-history-trimmed']).toBe('2');
    expect(response.headers.link).toBeUndefined();
  });

  it('pages with limit, following Link rel="next" until it is absent', async () => {
    const seen: string[] = [];
    let url: string | undefined = `/v1/orders/${order.id}/history?limit=4`;
    let pages = 0;
    while (url) {
      const response = await http.get(url).set(auth).expect(200);
      pages++;
      expect(response.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...response.body.items.map((entry: { note: string }) => entry.note));
      const link = response.headers.link as string | undefined;
      url = link ? NEXT_LINK.exec(link)![1] : undefined;
      if (url) expect(url).toContain('limit=4');
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9', 'n10', 'n11']);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=2.5', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=not-ours', 'cursor'],
    ['cursor=', 'cursor'],
  ])('refuses ?%s with a 400 naming %s', async (query, field) => {
    const { body } = await http.get(`/v1/orders/${order.id}/history?${query}`).set(auth).expect(400);
    expect(JSON.stringify(body)).toContain(`"field":"${field}"`);
  });

  it('documents limit, cursor and the Link / X-History-Trimmed headers', async () => {
    const { body } = await http.get('/docs-json').expect(200);
    const history = body.paths['/v1/orders/{id}/history'].get;
    expect(history.parameters.map((parameter: { name: string; in: string }) => `${parameter.in}:${parameter.name}`).sort()).toEqual(['path:id', 'query:cursor', 'query:limit']);
    expect(Object.keys(history.responses['200'].headers).sort()).toEqual(['Link', 'X-History-Trimmed']);
  });
});
