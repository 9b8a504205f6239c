import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ControlModule } from '../control/control.module';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { SideEffectLedger } from '../core/side-effect-ledger';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { FlexportModule } from './flexport.module';
import { FlexportStore } from './flexport.store';
import { createOrderBody } from './flexport.test-data';

const BASE = '/logistics/api/2024-04';
const AUTH = `Bearer ${SANDBOX_DEFAULT_TOKENS.flexport}`;

describe('Flexport lifecycle: ship, deliver, fail, retry, cancel', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const api = (method: 'get' | 'post', path: string) => http()[method](`${BASE}${path}`).set('Authorization', AUTH);
  const act = (action: string, params: object = {}) => http().post(`/__sandbox/flexport/actions/${action}`).send(params);
  const create = async (overrides: Record<string, unknown> = {}) => (await api('post', '/orders').send(createOrderBody(overrides)).expect(200)).body;
  const count = (ref: string, kind: string) =>
    app
      .get(SideEffectLedger)
      .list({ api: 'flexport', orderRef: ref })
      .find((r) => r.kind === kind)?.count ?? 0;

  beforeAll(async () => {
    app = await createSandboxTestApp([FlexportModule, ControlModule]);
  });
  afterAll(() => app.close());

  it('ship gives a shipment with a package and a label (carrier, tracking code); deliver completes it', async () => {
    const order = await create();
    const shipped = (await act('ship', { orderId: order.id }).expect(200)).body.result;
    expect(shipped.state).toEqual({ fulfillmentDelayed: false, fulfillmentInProgress: true, fulfillmentStatus: 'SHIPPED', internalStatus: 'SHIPPED' });
    expect(shipped.shippedAt).toEqual(expect.any(String));
    const label = shipped.shipments[0].packages[0].label;
    expect(label).toMatchObject({ carrier: expect.any(String), trackingCode: expect.stringMatching(/^[A-Z0-9]{10,}$/), trackingUrl: expect.stringContaining(label.trackingCode) });
    expect(shipped.shipments[0]).toMatchObject({ status: 'SHIPPED', lineItems: [{ logisticsSku: 'DSKU-1', quantity: 2 }] });
    const read = (await api('get', `/orders/${order.id}`).expect(200)).body;
    expect(read.shipments[0].packages[0].label.trackingCode).toBe(label.trackingCode);
    const delivered = (await act('deliver', { externalOrderId: order.externalOrderId }).expect(200)).body.result;
    expect(delivered.state).toMatchObject({ fulfillmentStatus: 'DELIVERED', internalStatus: 'DELIVERED', fulfillmentInProgress: false });
    expect(delivered.deliveredAt).toEqual(expect.any(String));
    await act('ship', { orderId: order.id }).expect(409);
  });

  it('cancel: CREATED → CANCELLED / STOPPED, one side effect; repeating it changes nothing', async () => {
    const order = await create();
    const cancelled = (await api('post', `/orders/${order.id}/cancel`).send({ cancellationReason: 'customer asked' }).expect(200)).body;
    expect(cancelled.state).toMatchObject({ internalStatus: 'CANCELLED', fulfillmentStatus: 'STOPPED', fulfillmentInProgress: false });
    await api('post', `/orders/${order.id}/cancel`).expect(200);
    expect(count(order.externalOrderId, 'flexport_order_cancelled')).toBe(1);
    await act('ship', { orderId: order.id }).expect(409);
  });

  it('cancel after ship is a 400 "no longer in a valid state" and records nothing', async () => {
    const order = await create();
    await act('ship', { orderId: order.id }).expect(200);
    const res = await api('post', `/orders/${order.id}/cancel`).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(res.text).detail).toContain('no longer in a valid state');
    expect(count(order.externalOrderId, 'flexport_order_cancelled')).toBe(0);
    await api('post', `/orders/${order.id}/cancel`).send({ cancellationReason: 7 }).expect(400);
  });

  it('advance moves every order one step per tick', async () => {
    const a = await create();
    const ticked = (await act('advance').expect(200)).body.result;
    expect(ticked.shipped).toContain(a.id);
    expect((await api('get', `/orders/${a.id}`).expect(200)).body.state.internalStatus).toBe('SHIPPED');
    const again = (await act('advance').expect(200)).body.result;
    expect(again.delivered).toContain(a.id);
    expect((await api('get', `/orders/${a.id}`).expect(200)).body.state.internalStatus).toBe('DELIVERED');
  });

  it('fail sets ERROR with the documented error object; retry of a retriable error goes back to CREATED', async () => {
    const order = await create();
    const failed = (await act('fail', { orderId: order.id, type: 'STOCKOUT' }).expect(200)).body.result;
    expect(failed.state).toMatchObject({ internalStatus: 'ERROR', fulfillmentStatus: 'STOPPED' });
    expect(failed.error).toEqual({ code: expect.any(Number), lineItemErrors: [{ logisticsSku: 'DSKU-1' }], message: expect.any(String), retriable: true, type: 'STOCKOUT' });
    const retried = (await api('post', `/orders/${order.id}/retry`).set('idempotency-key', `r-${order.id}`).expect(200)).body;
    expect(retried).toMatchObject({ error: null, state: { internalStatus: 'CREATED', fulfillmentStatus: 'ROUTING_IN_PROGRESS' } });
    const replay = await api('post', `/orders/${order.id}/retry`).set('idempotency-key', `r-${order.id}`).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(count(order.externalOrderId, 'flexport_order_retried')).toBe(1);
    await api('post', `/orders/${order.id}/retry`).expect(400);
  });

  it('a non-retriable error refuses retry with 400 but can still be cancelled', async () => {
    const order = await create();
    const failed = (await act('fail', { orderId: order.id, type: 'BAD_ADDRESS' }).expect(200)).body.result;
    expect(failed.error).toMatchObject({ type: 'BAD_ADDRESS', retriable: false, lineItemErrors: [] });
    expect(JSON.parse((await api('post', `/orders/${order.id}/retry`).expect(400)).text).detail).toContain('not retriable');
    expect(count(order.externalOrderId, 'flexport_order_retried')).toBe(0);
    await api('post', `/orders/${order.id}/cancel`).expect(200);
  });

  it('the magic SKU SANDBOX-FAIL-<TYPE> makes a new order fail at once', async () => {
    const order = await create({ lineItems: [{ logisticsSku: 'SANDBOX-FAIL-UNSUPPORTED_DESTINATION', quantity: 1, customsUnitValue: { amount: 5, currencyCode: 'TRY' } }] });
    expect(order.state.internalStatus).toBe('ERROR');
    expect(order.error).toMatchObject({ type: 'UNSUPPORTED_DESTINATION', retriable: false });
    expect(count(order.externalOrderId, 'flexport_order_created')).toBe(1);
  });

  it('refuses bad action params: unknown type 400, unknown order 404, unknown action 404', async () => {
    const order = await create();
    expect((await act('fail', { orderId: order.id, type: 'GREMLINS' }).expect(400)).body.error).toContain('STOCKOUT');
    await act('ship', { orderId: 'nope' }).expect(404);
    await act('ship', {}).expect(400);
    await act('teleport', {}).expect(404);
  });

  it('seeds orders in every internal status with consistent fulfillment statuses', async () => {
    await http().post('/__sandbox/seed').send({ api: 'flexport', count: 70, seed: 5 }).expect(200);
    const expected: Record<string, string> = { CREATED: 'ROUTING_IN_PROGRESS', SHIPPED: 'SHIPPED', DELIVERED: 'DELIVERED', CANCELLED: 'STOPPED', ERROR: 'STOPPED' };
    expect((await http().get('/__sandbox/health').expect(200)).body.apis.flexport.orders).toBe(70);
    const seen = new Set<string>();
    const errorTypes = new Set<string>();
    for (const order of app.get(FlexportStore).orders.values()) {
      seen.add(order.state.internalStatus);
      expect(order.state.fulfillmentStatus).toBe(expected[order.state.internalStatus]);
      if (order.error) errorTypes.add(order.error.type);
      if (order.state.internalStatus === 'SHIPPED') expect(order.shipments[0].packages[0].label.trackingCode).toBeTruthy();
    }
    expect(seen).toEqual(new Set(Object.keys(expected)));
    expect(errorTypes.size).toBe(5);
  });
});
