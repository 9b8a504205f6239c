import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, sideEffects, startGateway, waitForJob, waitForOrder, WEBHOOK_TOKEN } from '../support/gateway-stack';
import { SANDBOX_TOKENS, SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(60_000);

describe('fulfil via Flexport, end to end', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  beforeAll(async () => {
    await flushRedis();
    // Flexport ships on its own clock here, and calls the gateway's webhook.
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '100', SANDBOX_FLEXPORT_ADVANCE_MS: '1500' });
    stack = await startGateway(sandbox);
    await sandbox.control('POST', '/flexport/actions/set-webhook', { url: `${stack.apiUrl}/v1/webhooks/flexport`, token: WEBHOOK_TOKEN });
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('closes the loop: Joom order → Flexport order → shipped → Flexport tracking pushed to Joom, with no further call from the test', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, offlineReady);
    const accepted = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'flexport' }).expect(202);
    const job = await waitForJob(stack, accepted.body.jobId);
    expect(job.state).toBe('completed');
    expect(job.result).toEqual(expect.objectContaining({ status: 'fulfilling', providerOrderId: expect.any(String) }));

    const shipped = await waitForOrder(stack, order.id, (o) => !!o.fulfillment?.trackingPushedAt, 40_000);
    expect(['shipped', 'delivered']).toContain(shipped.status);
    expect(shipped.fulfillment).toEqual(expect.objectContaining({ provider: 'flexport' }));
    const tracking = shipped.fulfillment!.shipments[0].trackingNumber;
    expect(await sideEffects(sandbox, 'flexport', order.id)).toEqual({ flexport_order_created: 1 });
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });
    const remote = await fetch(`${sandbox.url}/api/v3/orders?id=${order.externalId}`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.joom}` } });
    expect(JSON.stringify(await remote.json())).toContain(tracking);
    const history = await stack.store.repository.history(order.id);
    expect(history.map((entry) => entry.to)).toEqual(expect.arrayContaining(['ready', 'fulfilling', 'shipped']));
    expect(history.some((entry) => entry.cause === 'webhook' || entry.cause === 'sync')).toBe(true);

    // The push was the gateway's own job: it is visible (and could be replayed) under its id.
    const push = await waitForJob(stack, `push-${order.id}`);
    expect(push).toEqual(expect.objectContaining({ jobId: `push-${order.id}`, state: 'completed', steps: [expect.objectContaining({ queue: 'commands-joom', name: 'push-tracking' })] }));
  });
});
