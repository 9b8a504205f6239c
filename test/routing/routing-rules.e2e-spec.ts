import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseHold } from '@app/orders';
import { OrderRouting } from '@app/queues';
import { auth } from '../support/api-fixture';
import { GatewayStack, listedOrders, readUntil, sideEffects, startGateway, waitForOrder } from '../support/gateway-stack';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(120_000);

/** The rules of the routing example: Akinon orders to Turkey are held for an address check; Joom orders go to Flexport. */
const RULES = `
rules:
  - name: akinon-tr-check
    match: { channel: akinon, country: TR }
    action: hold
    reason: address_check
  - name: joom-to-flexport
    match: { channel: joom }
    action: fulfill:flexport
    shipMethod: standard
  - name: akinon-to-flexport
    match: { channel: akinon }
    action: fulfill:flexport
`;

describe('routing rules (ROUTING_RULES_FILE)', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '40' });
    const path = join(mkdtempSync(join(tmpdir(), 'gw-routing-')), 'routing.yaml');
    writeFileSync(path, RULES);
    stack = await startGateway(sandbox, { ROUTING_RULES_FILE: path, ROUTING_RETRY_INTERVAL_MS: '1000' });
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('shows the rules in force', async () => {
    const { body } = await stack.http.get('/v1/routing/rules').set(auth).expect(200);
    expect(body.rules).toEqual([
      { name: 'akinon-tr-check', match: { channel: ['akinon'], country: ['TR'] }, action: { type: 'hold', reason: 'address_check' } },
      { name: 'joom-to-flexport', match: { channel: ['joom'] }, action: { type: 'fulfill', via: 'flexport', shipMethod: 'standard' } },
      { name: 'akinon-to-flexport', match: { channel: ['akinon'] }, action: { type: 'fulfill', via: 'flexport', shipMethod: null } },
    ]);
  });

  it('sends every new ready Joom order to Flexport once, as routing-rule:joom-to-flexport', async () => {
    await stack.http.post('/v1/channels/joom/sync').set(auth).expect(202);
    const routed = await readUntil(
      () => listedOrders(stack, 'joom'),
      // Until one order went to Flexport by the rule (the sync stores page by page), and none stored is left unrouted.
      (orders) => orders.some((order) => order.routing?.rule === 'joom-to-flexport' && !order.routing.refused) && orders.every((order) => order.status !== 'ready' || order.routing !== undefined),
      30_000,
      'routing every ready Joom order',
    );
    const taken = routed.filter((order) => order.routing?.rule === 'joom-to-flexport');
    expect(taken.filter((order) => !order.routing!.refused).length).toBeGreaterThan(0);
    expect(routed.filter((order) => order.status === 'ready' && !order.routing)).toEqual([]);
    for (const order of taken) {
      if (order.routing!.refused) {
        // The pipeline's own refusal (an online-only order cannot go to Flexport), recorded instead of retried.
        expect(order.routing!.refused).toMatch(/^online_only: /);
        continue;
      }
      const atFlexport = await waitForOrder(stack, order.id, (o) => o.fulfillment?.provider === 'flexport', 20_000);
      expect(atFlexport.status).toBe('fulfilling');
      const history = await stack.store.repository.history(order.id);
      expect(history).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'ready', to: 'fulfilling', actor: 'routing-rule:joom-to-flexport' })]));
      expect(await sideEffects(sandbox, 'flexport', order.id)).toEqual({ flexport_order_created: 1 });
    }

    // A second sync brings the same orders again: nothing is routed twice.
    await stack.http.post('/v1/channels/joom/sync').set(auth).expect(202);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const order of taken.filter((o) => !o.routing!.refused)) expect(await sideEffects(sandbox, 'flexport', order.id)).toEqual({ flexport_order_created: 1 });
  });

  it('holds new ready Akinon orders to TR with the rule as the hold’s source, and explains it in the dry run', async () => {
    await stack.http.post('/v1/channels/akinon/sync').set(auth).expect(202);
    const orders = await readUntil(
      () => listedOrders(stack, 'akinon'),
      (list) => list.some((order) => order.routing?.rule === 'akinon-tr-check') && list.every((order) => order.status !== 'ready' || order.routing !== undefined),
      30_000,
      'routing every ready Akinon order',
    );
    const toTurkey = orders.filter((order) => order.routing && order.shippingAddress?.countryCode === 'TR');
    expect(toTurkey.length).toBeGreaterThan(0);
    for (const order of toTurkey) {
      expect(order.routing).toEqual(expect.objectContaining({ rule: 'akinon-tr-check', action: 'hold' }));
      expect(order.holds).toEqual([expect.objectContaining({ reason: 'address_check', source: 'rule', placedBy: 'routing-rule:akinon-tr-check' })]);
    }
    // Not shipped: its fulfil is refused while the hold stands.
    const held = toTurkey[0];
    const refused = await stack.http.post(`/v1/orders/${held.id}/fulfill`).set(auth).send({ mode: 'flexport' }).expect(409);
    expect(refused.body.code).toBe('on_hold');

    const dry = await stack.http.post('/v1/routing/dry-run').set(auth).send({ orderId: held.id }).expect(200);
    expect(dry.body).toEqual(
      expect.objectContaining({
        wouldAct: false,
        rule: 'akinon-tr-check',
        action: { type: 'hold', reason: 'address_check' },
        skipped: expect.stringContaining('on hold (address_check)'),
        verdicts: [{ rule: 'akinon-tr-check', matched: true }],
      }),
    );

    // A person releases the rule's hold: routing runs again without the hold rules, and the next rule sends it to Flexport.
    const released = await stack.http.post(`/v1/orders/${held.id}/release`).set(auth).send({ reason: 'address_check', note: 'address checked by phone' }).expect(200);
    expect(released.body.routing).toEqual(expect.objectContaining({ rule: 'akinon-to-flexport', action: 'fulfill' }));
    const atFlexport = await waitForOrder(stack, held.id, (o) => o.fulfillment?.provider === 'flexport', 20_000);
    expect(atFlexport.holds).toBeUndefined();
    const history = await stack.store.repository.history(held.id);
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'routing-rule:akinon-tr-check', note: 'routing: hold address_check (rule akinon-tr-check)' }),
        expect.objectContaining({ note: 'hold address_check released (rule): address checked by phone' }),
        expect.objectContaining({ actor: 'routing-rule:akinon-to-flexport', note: 'routing: fulfil via Flexport (rule akinon-to-flexport)' }),
        expect.objectContaining({ actor: 'routing-rule:akinon-to-flexport', from: 'ready', to: 'fulfilling' }),
      ]),
    );
    expect(await sideEffects(sandbox, 'flexport', held.id)).toEqual({ flexport_order_created: 1 });
  });

  it('routes an order whose release was saved by a process that stopped before routing it (the routing backlog)', async () => {
    const held = (await listedOrders(stack, 'akinon')).find((order) => order.holds?.some((hold) => hold.reason === 'address_check' && hold.source === 'rule'));
    expect(held).toBeDefined();
    // What the api does on a release, minus the routing after the save: the process stopped there.
    await stack.api.get(OrderRouting).expectRelease(held!.id);
    await stack.store.repository.mutate(held!.id, (current) =>
      releaseHold(current!, { reason: 'address_check', note: 'checked; the api stopped right after' }, 'ops@example.com', new Date().toISOString()),
    );
    expect((await stack.store.repository.get(held!.id))?.routing?.action).toBe('hold');

    // A worker's next look at the backlog (ROUTING_RETRY_INTERVAL_MS, 1 s here) routes it, once.
    const atFlexport = await waitForOrder(stack, held!.id, (o) => o.fulfillment?.provider === 'flexport', 20_000);
    expect(atFlexport.routing).toEqual(expect.objectContaining({ rule: 'akinon-to-flexport', action: 'fulfill' }));
    const history = await stack.store.repository.history(held!.id);
    expect(history).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'routing-rule:akinon-to-flexport', from: 'ready', to: 'fulfilling' })]));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await sideEffects(sandbox, 'flexport', held!.id)).toEqual({ flexport_order_created: 1 });
  });

  it('explains a described order rule by rule, and refuses a body naming neither or both', async () => {
    const { body } = await stack.http
      .post('/v1/routing/dry-run')
      .set(auth)
      .send({ order: { channel: 'joom', country: 'DE', skus: ['MUG-1'] } })
      .expect(200);
    expect(body).toEqual(
      expect.objectContaining({
        orderId: null,
        wouldAct: false,
        rule: 'joom-to-flexport',
        actor: 'routing-rule:joom-to-flexport',
        outcome: 'would fulfil via Flexport (standard) (rule joom-to-flexport)',
        verdicts: [
          { rule: 'akinon-tr-check', matched: false, failed: 'channel is joom, not akinon' },
          { rule: 'joom-to-flexport', matched: true },
        ],
      }),
    );
    const neither = await stack.http.post('/v1/routing/dry-run').set(auth).send({}).expect(400);
    expect(neither.body.code).toBe('validation_failed');
    expect(neither.body.message).toContain('exactly one of orderId');
    const both = await stack.http
      .post('/v1/routing/dry-run')
      .set(auth)
      .send({ orderId: 'ord_0', order: { channel: 'joom', skus: ['A'] } })
      .expect(400);
    expect(both.body.message).toContain('exactly one of orderId');
    const bad = await stack.http
      .post('/v1/routing/dry-run')
      .set(auth)
      .send({ order: { channel: 'joom', skus: [], country: 'tr' } })
      .expect(400);
    expect(bad.body.details.fields.map((field: { field: string }) => field.field).sort()).toEqual(['order.country', 'order.skus']);
    await stack.http.post('/v1/routing/dry-run').set(auth).send({ orderId: 'ord_000000000000000000000000' }).expect(404);
  });
});
