import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Attention, CanonicalOrder, Channel } from '@app/orders';
import { auth, startApi } from '../support/api-fixture';
import { flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

jest.setTimeout(30_000);

const flag = (code: Attention['code'], since: string, message = `${code} here`): Attention => ({ code, message, since });

/** GET /v1/attention and POST /v1/orders/{id}/attention/resolve against the real api and Redis. */
describe('what needs a person', () => {
  let app: INestApplication;
  let store: StoreFixture;
  let http: ReturnType<typeof request>;
  const add = (channel: Channel, attention: Attention | null) => insert(store.repository, newOrder({ channel, attention } as Partial<CanonicalOrder>));

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    app = await startApi();
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('counts flags by code and channel, lists the oldest with a one-line reason and the resolving action', async () => {
    const oldest = await add('joom', flag('carrier_unmapped', '2026-12-01T00:00:00.000Z', 'carrier "Foo"\nis not on the list'));
    await add('joom', flag('carrier_unmapped', '2026-12-03T00:00:00.000Z'));
    await add('akinon', flag('address_incomplete', '2026-12-02T00:00:00.000Z'));
    for (let i = 0; i < 6; i++) await add('akinon', flag('command_failed', `2026-12-0${i + 1}T12:00:00.000Z`));
    const late = await add('joom', flag('ship_by_at_risk', '2026-12-06T00:00:00.000Z', 'not shipped and due by 2026-12-06T20:00:00.000Z'));
    await add('joom', null);

    const { body } = await http.get('/v1/attention').set(auth).expect(200);
    expect(body.total).toBe(10);
    expect(body.complete).toBe(true);
    // In the documented order of codes, only codes some order carries.
    expect(body.codes.map((entry: { code: string }) => entry.code)).toEqual(['command_failed', 'carrier_unmapped', 'address_incomplete', 'ship_by_at_risk']);
    expect(body.codes.find((entry: { code: string }) => entry.code === 'address_incomplete').action).toContain('PUT /v1/orders/{id}/shipping-address');
    expect(body.codes.find((entry: { code: string }) => entry.code === 'ship_by_at_risk')).toEqual({
      code: 'ship_by_at_risk',
      count: 1,
      byChannel: { joom: 1 },
      action: expect.stringContaining('POST /v1/orders/{id}/fulfill'),
      oldest: [expect.objectContaining({ id: late.id, reason: 'not shipped and due by 2026-12-06T20:00:00.000Z' })],
    });
    const carrier = body.codes.find((entry: { code: string }) => entry.code === 'carrier_unmapped');
    expect(carrier).toEqual({
      code: 'carrier_unmapped',
      count: 2,
      byChannel: { joom: 2 },
      action: expect.stringContaining('JOOM_CARRIER_MAP'),
      oldest: [
        { id: oldest.id, channel: 'joom', externalId: oldest.externalId, status: oldest.status, since: '2026-12-01T00:00:00.000Z', reason: 'carrier "Foo" is not on the list' },
        expect.objectContaining({ since: '2026-12-03T00:00:00.000Z' }),
      ],
    });
    const failed = body.codes.find((entry: { code: string }) => entry.code === 'command_failed');
    expect(failed.count).toBe(6);
    expect(failed.oldest.map((order: { since: string }) => order.since)).toEqual(['01', '02', '03', '04', '05'].map((day) => `2026-12-${day}T12:00:00.000Z`));
    await http.get('/v1/attention').expect(401);
    // The same counts on /metrics, by code and channel.
    const metrics = (await http.get('/metrics').expect(200)).text;
    expect(metrics).toContain('gateway_orders_attention_by_code{code="carrier_unmapped",channel="joom"} 2');
    expect(metrics).toContain('gateway_orders_attention_by_code{code="command_failed",channel="akinon"} 6');
    expect(metrics).toContain('gateway_orders_attention_by_code{code="ship_by_at_risk",channel="joom"} 1');

    // The list filter by code, paged one by one across the other flags: exactly that code's orders.
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: { body: { items: { id: string; attention: { code: string } }[]; nextCursor: string | null } } = await http
        .get('/v1/orders')
        .query({ attention: 'carrier_unmapped', limit: 1, ...(cursor ? { cursor } : {}) })
        .set(auth)
        .expect(200);
      ids.push(...page.body.items.map((item) => item.id));
      for (const item of page.body.items) expect(item.attention.code).toBe('carrier_unmapped');
      cursor = page.body.nextCursor;
      if (!cursor) break;
    }
    expect(ids.sort()).toEqual(carrier.oldest.map((order: { id: string }) => order.id).sort());
    expect((await http.get('/v1/orders').query({ attention: 'true', limit: 50 }).set(auth).expect(200)).body.items).toHaveLength(10);
    const refused = await http.get('/v1/orders').query({ attention: 'carrier_missing' }).set(auth).expect(400);
    expect(refused.body.details.fields).toEqual([expect.objectContaining({ field: 'attention' })]);
  });

  it('resolves a flag with a note: cleared, in the history with who and what, and out of the summary', async () => {
    const order = await add('joom', flag('remote_missing', '2026-12-04T00:00:00.000Z'));
    const before = (await http.get('/v1/attention').set(auth).expect(200)).body.total;
    const { body } = await http.post(`/v1/orders/${order.id}/attention/resolve`).set(auth).send({ note: 'Checked on Joom: archived by support.', code: 'remote_missing' }).expect(200);
    expect(body.attention).toBeNull();
    const history = await store.repository.history(order.id);
    expect(history.at(-1)).toEqual(
      expect.objectContaining({
        kind: 'annotation',
        actor: expect.stringMatching(/^api-key:[0-9a-f]{8}$/),
        note: 'attention remote_missing resolved: Checked on Joom: archived by support.',
        details: { resolved: order.attention },
      }),
    );
    expect((await http.get('/v1/attention').set(auth).expect(200)).body.total).toBe(before - 1);

    const again = await http.post(`/v1/orders/${order.id}/attention/resolve`).set(auth).send({ note: 'twice' }).expect(409);
    expect(again.body).toEqual(expect.objectContaining({ statusCode: 409, code: 'no_attention' }));
  });

  it('refuses to resolve a flag other than the one named, a bad body and an unknown order, changing nothing', async () => {
    const order = await add('akinon', flag('amount_missing', '2026-12-05T00:00:00.000Z'));
    const changed = await http.post(`/v1/orders/${order.id}/attention/resolve`).set(auth).send({ note: 'x', code: 'command_failed' }).expect(409);
    expect(changed.body).toEqual(expect.objectContaining({ code: 'attention_changed', details: { expected: 'command_failed', actual: 'amount_missing' } }));
    for (const [bad, field] of [
      [{}, 'note'],
      [{ note: '' }, 'note'],
      [{ note: 'x'.repeat(501) }, 'note'],
      [{ note: 'ok', code: 'not_a_code' }, 'code'],
      [{ note: 'ok', extra: 1 }, 'extra'],
    ] as const) {
      const refused = await http.post(`/v1/orders/${order.id}/attention/resolve`).set(auth).send(bad).expect(400);
      expect(refused.body.details.fields.map((entry: { field: string }) => entry.field)).toContain(field);
    }
    await http.post('/v1/orders/ord_000000000000000000000000/attention/resolve').set(auth).send({ note: 'x' }).expect(404);
    expect((await store.repository.getOrThrow(order.id)).attention?.code).toBe('amount_missing');
  });
});
