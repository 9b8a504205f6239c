import { CanonicalOrder } from '@app/orders';
import { adminAuth, auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, sideEffects, startGateway, waitForJob, waitForOrder, WEBHOOK_TOKEN } from '../support/gateway-stack';
import { startProcess, waitForOutput } from '../support/processes';
import { observeSandbox } from '../support/sandbox-observer';
import { SANDBOX_TOKENS, SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(60_000);

/**
 * Joom → Flexport → Joom with the carrier Flexport ships with chosen by the
 * test: v3 names it by the shipper id from GET /shippers, v2 through
 * JOOM_CARRIER_MAP; a carrier with no Joom name is not sent, the order is
 * flagged `carrier_unmapped`, and the push is replayed once the table names it
 * (docs/api-decisions.md CA-2, CA-3, CA-5).
 */
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '60' });
});
afterAll(async () => {
  await sandbox?.stop();
});

/** Sends the order to Flexport, has Flexport ship it with `carrier`, and waits for the tracking push job to end. */
async function shipThroughFlexport(stack: GatewayStack, order: CanonicalOrder, carrier: string) {
  const accepted = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'flexport' }).expect(202);
  const created = await waitForJob(stack, accepted.body.jobId);
  expect(created.state).toBe('completed');
  const providerOrderId = created.result!.providerOrderId as string;
  const shipped = await sandbox.control<{ result: { shipments: { packages: { label: { carrier: string; trackingCode: string } }[] }[] } }>('POST', '/flexport/actions/ship', {
    orderId: providerOrderId,
    carrier,
  });
  const label = shipped.result.shipments[0].packages[0].label;
  expect(label.carrier).toBe(carrier);
  await waitForOrder(stack, order.id, (o) => o.status === 'shipped');
  return { push: await waitForJob(stack, `push-${order.id}`, 30_000), trackingNumber: label.trackingCode };
}

async function startStack(overrides: Record<string, string>): Promise<GatewayStack> {
  await flushRedis();
  const stack = await startGateway(sandbox, overrides);
  await sandbox.control('POST', '/flexport/actions/set-webhook', { url: `${stack.apiUrl}/v1/webhooks/flexport`, token: WEBHOOK_TOKEN });
  return stack;
}

describe('Joom v3: carriers as shipper ids', () => {
  let stack: GatewayStack;
  const joom = observeSandbox(() => sandbox, 'joom-v3');

  beforeAll(async () => {
    stack = await startStack({ JOOM_API_VERSION: 'v3' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('pushes a UPS shipment to Joom by the providerId GET /shippers gives UPS', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, offlineReady);
    const since = await joom.lastSeq();
    const { push, trackingNumber } = await shipThroughFlexport(stack, order, 'UPS');
    expect(push).toEqual(expect.objectContaining({ state: 'completed', attempts: 1, result: expect.objectContaining({ carrier: 'UPS', trackingNumber }) }));

    const shippers = await fetch(`${sandbox.url}/api/v3/shippers`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.joom}` } });
    const ups = ((await shippers.json()) as { data: { items: { id: string; name: string }[] } }).data.items.find((shipper) => shipper.name === 'UPS')!;
    const remote = (await (await fetch(`${sandbox.url}/api/v3/orders?id=${order.externalId}`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.joom}` } })).json()) as {
      data: { status: string; shipment: Record<string, string> };
    };
    expect(remote.data.status).toBe('shipped');
    expect(remote.data.shipment).toEqual(expect.objectContaining({ provider: 'UPS', providerId: ups.id, trackingNumber }));
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });
    expect((await joom.calls(since)).some((call) => call.method === 'GET' && call.path === '/api/v3/shippers')).toBe(true);
    const stored = await stack.store.repository.getOrThrow(order.id);
    expect(stored.fulfillment?.trackingPushedAt).toEqual(expect.any(String));
    expect(stored.attention?.code).not.toBe('carrier_unmapped');
  });

  it('does not send a carrier Joom has no shipper for: carrier_unmapped, nothing at Joom, no retries', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, offlineReady);
    const since = await joom.lastSeq();
    const { push } = await shipThroughFlexport(stack, order, 'ONTRAC');
    expect(push).toEqual(expect.objectContaining({ state: 'failed', attempts: 1, error: expect.stringContaining('ONTRAC') }));
    const stored = await stack.store.repository.getOrThrow(order.id);
    expect(stored.attention).toEqual(expect.objectContaining({ code: 'carrier_unmapped', message: expect.stringContaining('ONTRAC') }));
    expect(stored.fulfillment?.trackingPushedAt ?? null).toBeNull();
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({});
    expect((await joom.calls(since)).filter((call) => call.method === 'POST')).toEqual([]);
    const flagged = await stack.http.get('/v1/orders?attention=true&channel=joom').set(auth).expect(200);
    expect(flagged.body.items).toContainEqual(expect.objectContaining({ id: order.id, attention: expect.objectContaining({ code: 'carrier_unmapped' }) }));
    // The step ended: a second later it is still one attempt, failed.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await waitForJob(stack, `push-${order.id}`)).toEqual(expect.objectContaining({ state: 'failed', attempts: 1 }));
  });
});

describe('Joom v2: carriers through JOOM_CARRIER_MAP', () => {
  let stack: GatewayStack;
  const joom = observeSandbox(() => sandbox, 'joom-v2');

  beforeAll(async () => {
    stack = await startStack({ JOOM_API_VERSION: 'v2', JOOM_CARRIER_MAP: 'UPS=USPS' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const v2Order = async (externalId: string) => {
    const response = await fetch(`${sandbox.url}/api/v2/order?id=${externalId}`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.joom}` } });
    return ((await response.json()) as { data: { Order: { state: string; shipping_provider?: string; tracking_number?: string } } }).data.Order;
  };

  it("refuses a merchant's tracking carrier v2 cannot name before queueing (422), and takes one the table names", async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, (o) => o.snapshot.status === 'ready');
    const since = await joom.lastSeq();
    const refused = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'FedEx', trackingNumber: '794698570000' }).expect(422);
    expect(refused.body).toEqual(expect.objectContaining({ code: 'invalid_carrier', message: expect.stringContaining('"FedEx"') }));
    expect((await stack.http.get('/v1/jobs?state=failed').set(auth).expect(200)).body.items).toEqual([]);
    // Only writes count: the worker's own sync may read Joom meanwhile.
    expect((await joom.calls(since)).filter((call) => call.method === 'POST')).toEqual([]);
    const accepted = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' }).expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    expect(await v2Order(order.externalId)).toEqual(expect.objectContaining({ state: 'SHIPPED', shipping_provider: 'USPS' }));
  });

  it('pushes a UPS shipment under the name the table gives it (UPS=USPS)', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, (o) => o.snapshot.status === 'ready');
    const { push, trackingNumber } = await shipThroughFlexport(stack, order, 'UPS');
    expect(push).toEqual(expect.objectContaining({ state: 'completed', attempts: 1 }));
    expect(await v2Order(order.externalId)).toEqual(expect.objectContaining({ state: 'SHIPPED', shipping_provider: 'USPS', tracking_number: trackingNumber }));
    expect(await sideEffects(sandbox, 'joom-v2', order.externalId)).toEqual({ fulfill: 1 });
  });

  it('flags an unmapped FedEx shipment, sends nothing, and pushes it on replay once the table names FedEx', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, (o) => o.snapshot.status === 'ready');
    const since = await joom.lastSeq();
    const { push, trackingNumber } = await shipThroughFlexport(stack, order, 'FEDEX');
    expect(push).toEqual(expect.objectContaining({ state: 'failed', attempts: 1, error: expect.stringContaining('FedEx') }));
    expect((await stack.store.repository.getOrThrow(order.id)).attention).toEqual(expect.objectContaining({ code: 'carrier_unmapped', message: expect.stringContaining('FedEx') }));
    expect(await sideEffects(sandbox, 'joom-v2', order.externalId)).toEqual({});
    expect((await joom.calls(since)).filter((call) => call.method === 'POST')).toEqual([]);
    expect((await v2Order(order.externalId)).state).toBe('APPROVED');

    // The operator names FedEx in the table and restarts the worker, then replays the push.
    await stack.worker.stop();
    stack.worker = startProcess('worker', { ...stack.env, JOOM_CARRIER_MAP: 'UPS=USPS,FedEx=USPS' });
    await waitForOutput(stack.worker, /worker started/);
    await stack.http.post(`/v1/jobs/push-${order.id}/retry`).set(adminAuth).expect(202);
    expect(await waitForJob(stack, `push-${order.id}`)).toEqual(expect.objectContaining({ state: 'completed', result: expect.objectContaining({ carrier: 'FedEx', trackingNumber }) }));
    expect(await v2Order(order.externalId)).toEqual(expect.objectContaining({ state: 'SHIPPED', shipping_provider: 'USPS', tracking_number: trackingNumber }));
    expect(await sideEffects(sandbox, 'joom-v2', order.externalId)).toEqual({ fulfill: 1 });
    const stored = await stack.store.repository.getOrThrow(order.id);
    expect(stored.attention).toBeNull();
    expect(stored.fulfillment?.trackingPushedAt).toEqual(expect.any(String));
  });
});
