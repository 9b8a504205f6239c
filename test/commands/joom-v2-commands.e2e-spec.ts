import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, sideEffects, startGateway, waitForJob, waitForOrder, WEBHOOK_TOKEN } from '../support/gateway-stack';
import { SANDBOX_TOKENS, SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(60_000);

/** The same commands against Joom's merchant API v2 (JOOM_API_VERSION=v2). */
describe('commands against Joom v2', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '100' });
    stack = await startGateway(sandbox, { JOOM_API_VERSION: 'v2', JOOM_V2_SHIPPING_TIME: '3-12' });
    await sandbox.control('POST', '/flexport/actions/set-webhook', { url: `${stack.apiUrl}/v1/webhooks/flexport`, token: WEBHOOK_TOKEN });
  });

  /** The v2 sandbox's raw order: `shipping_time` is not mapped, so it is read there. */
  const shippingTimeAtJoom = async (externalId: string): Promise<string | undefined> => {
    const res = await fetch(`${sandbox.url}/api/v2/order?id=${externalId}`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.joom}` } });
    return ((await res.json()) as { data: { Order: { shipping_time?: string } } }).data.Order.shipping_time;
  };
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('fulfils with tracking (form-encoded fulfill-one), cancels (refund) and rejects (refund), once each', async () => {
    const [toShip, toCancel, toReject] = await ingestMatching(stack, 'joom', 3, (order) => order.snapshot.status === 'ready');
    const fulfil = await stack.http.post(`/v1/orders/${toShip.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'China Post', trackingNumber: 'RB123456785CN' }).expect(202);
    const cancel = await stack.http.post(`/v1/orders/${toCancel.id}/cancel`).set(auth).send({ reason: 'out_of_stock' }).expect(202);
    const reject = await stack.http.post(`/v1/orders/${toReject.id}/reject`).set(auth).send({ reason: 'wrong_address' }).expect(202);
    for (const accepted of [fulfil, cancel, reject]) expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');

    expect((await stack.store.repository.getOrThrow(toShip.id)).status).toBe('shipped');
    expect((await stack.store.repository.getOrThrow(toCancel.id)).status).toBe('cancelled');
    expect((await stack.store.repository.getOrThrow(toReject.id)).status).toBe('cancelled'); // Joom refunds a rejected order
    expect(await sideEffects(sandbox, 'joom-v2', toShip.externalId)).toEqual({ fulfill: 1 });
    // The Required shipping_time, from JOOM_V2_SHIPPING_TIME (docs/api-decisions.md JO-1).
    expect(await shippingTimeAtJoom(toShip.externalId)).toBe('3-12');
    expect(await sideEffects(sandbox, 'joom-v2', toCancel.externalId)).toEqual({ refund: 1 });
    expect(await sideEffects(sandbox, 'joom-v2', toReject.externalId)).toEqual({ refund: 1 });
  });

  it("pushes Flexport's tracking to Joom v2 with the Required shipping_time once Flexport ships (JO-1)", async () => {
    // Abroad the sandbox's Flexport ships with USPS or DHL eCommerce, carriers Joom accepts (UPS and FedEx are a carrier-mapping matter).
    const abroad = (o: { snapshot: { status: string | null; fields: { shippingAddress?: { countryCode: string } | null } } }) =>
      o.snapshot.status === 'ready' && !!o.snapshot.fields.shippingAddress && o.snapshot.fields.shippingAddress.countryCode !== 'US';
    const [order] = await ingestMatching(stack, 'joom', 1, abroad);
    const accepted = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'flexport' }).expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    await sandbox.control('POST', '/flexport/actions/ship', { externalOrderId: order.id });
    const pushed = await waitForOrder(stack, order.id, (o) => !!o.fulfillment?.trackingPushedAt, 30_000);
    expect(pushed.status).toBe('shipped');
    expect(await sideEffects(sandbox, 'joom-v2', order.externalId)).toEqual({ fulfill: 1 });
    expect(await shippingTimeAtJoom(order.externalId)).toBe('3-12');
  });

  it('refuses online fulfilment, which v2 does not have, before queueing', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, (o) => o.snapshot.status === 'ready');
    const { body } = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'online' }).expect(422);
    expect(body).toEqual(expect.objectContaining({ code: 'capability_unsupported', details: expect.objectContaining({ channelProfile: 'joom_v2' }) }));
  });
});
