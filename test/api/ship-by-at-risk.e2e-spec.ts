import { CanonicalOrder } from '@app/orders';
import { orderIdFor } from '@app/store';
import { auth } from '../support/api-fixture';
import { GatewayStack, startGateway, waitForJob, waitForOrder } from '../support/gateway-stack';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

/**
 * A Joom order's fulfilment countdown (`hoursToFulfill`) becomes its ship-by;
 * the worker flags an unshipped order whose ship-by is less than
 * SHIP_BY_AT_RISK_HOURS away, the attention summary, the list filter and the
 * gauge show it, and shipping it clears all three.
 */
describe('orders at risk of missing their ship-by', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  beforeAll(async () => {
    await flushRedis();
    // Seeded open orders were placed at most 5 days ago: 2 days or more left of Joom's 7, none at risk.
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '20' });
    stack = await startGateway(sandbox, { SHIP_BY_AT_RISK_HOURS: '24', SHIP_BY_CHECK_INTERVAL_MS: '300' });
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  const createJoomOrder = async (placedHoursAgo?: number) => {
    const { result } = await sandbox.control<{ result: { id: string; hoursToFulfill: number } }>('POST', '/joom-v3/actions/create-order', {
      status: 'approved',
      onlineShippingRequirement: 'offlineOnly',
      ...(placedHoursAgo ? { placedHoursAgo } : {}),
    });
    return { id: orderIdFor('joom', 'main', result.id), hoursToFulfill: result.hoursToFulfill };
  };
  const gauge = async () => {
    const metrics = await stack.http.get('/metrics').expect(200);
    const line = metrics.text.split('\n').find((row) => row.startsWith('gateway_orders_ship_by_at_risk '));
    return line === undefined ? null : Number(line.split(' ')[1]);
  };
  const attentionCodes = async () => (await stack.http.get('/v1/attention').set(auth).expect(200)).body.codes as { code: string; count: number; action: string; oldest: { id: string }[] }[];
  const listedAtRisk = async () => ((await stack.http.get('/v1/orders').query({ attention: 'ship_by_at_risk', limit: 50 }).set(auth).expect(200)).body.items as CanonicalOrder[]).map((o) => o.id);

  it('flags a synced order due within the threshold, lists it with its action, counts it, and lets it go once shipped', async () => {
    const late = await createJoomOrder(160); // 7 days to fulfil, placed 160 h ago: 8 h left
    const fresh = await createJoomOrder(); // 168 h left
    expect(late.hoursToFulfill).toBe(8);
    await stack.http.post('/v1/channels/joom/sync').set(auth).expect(202);

    const flagged = await waitForOrder(stack, late.id, (order) => order.attention?.code === 'ship_by_at_risk');
    const shipBy = flagged.shippingConstraints.shipBy!;
    expect(Date.parse(shipBy) - Date.now()).toBeGreaterThan(6 * 3_600_000);
    expect(Date.parse(shipBy) - Date.now()).toBeLessThan(9 * 3_600_000);
    expect(flagged.attention).toEqual(expect.objectContaining({ details: { shipBy }, message: expect.stringContaining(shipBy) }));
    const history = await stack.store.repository.history(late.id);
    expect(history.filter((entry) => entry.note?.startsWith('attention ship_by_at_risk'))).toEqual([
      expect.objectContaining({ kind: 'annotation', cause: 'system', actor: 'ship-by-watch', from: 'ready', to: 'ready' }),
    ]);
    const notAtRisk = await waitForOrder(stack, fresh.id, () => true);
    expect(notAtRisk.shippingConstraints.shipBy).toEqual(expect.any(String));
    expect(notAtRisk.attention).toBeNull();

    const atRisk = (await attentionCodes()).find((entry) => entry.code === 'ship_by_at_risk');
    expect(atRisk).toEqual(expect.objectContaining({ count: 1, action: expect.stringContaining('/fulfill'), oldest: [expect.objectContaining({ id: late.id })] }));
    expect(await listedAtRisk()).toEqual([late.id]);
    expect(await gauge()).toBe(1);

    const accepted = await stack.http.post(`/v1/orders/${late.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000998877' }).expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    const shipped = await waitForOrder(stack, late.id, (order) => order.status === 'shipped');
    expect(shipped.attention).toBeNull();
    expect((await attentionCodes()).map((entry) => entry.code)).not.toContain('ship_by_at_risk');
    expect(await listedAtRisk()).toEqual([]);
    expect(await gauge()).toBe(0);
    // The worker keeps checking: a shipped order is never flagged again.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await stack.store.repository.getOrThrow(late.id)).attention).toBeNull();
  });
});
