import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, sideEffects, startGateway, waitForJob } from '../support/gateway-stack';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(60_000);

/** The same commands against Joom's merchant API v2 (JOOM_API_VERSION=v2). */
describe('commands against Joom v2', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '100' });
    stack = await startGateway(sandbox, { JOOM_API_VERSION: 'v2' });
  });
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
    expect(await sideEffects(sandbox, 'joom-v2', toCancel.externalId)).toEqual({ refund: 1 });
    expect(await sideEffects(sandbox, 'joom-v2', toReject.externalId)).toEqual({ refund: 1 });
  });

  it('refuses online fulfilment, which v2 does not have, before queueing', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, (o) => o.snapshot.status === 'ready');
    const { body } = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'online' }).expect(422);
    expect(body).toEqual(expect.objectContaining({ code: 'capability_unsupported', details: expect.objectContaining({ channelProfile: 'joom_v2' }) }));
  });
});
