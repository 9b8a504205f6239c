import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, sideEffects, startGateway, waitForActive, waitForJob } from '../support/gateway-stack';
import { startProcess, waitForOutput } from '../support/processes';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(60_000);

describe('worker shutdown', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '60' });
    stack = await startGateway(sandbox);
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('drains on SIGTERM: the active command finishes before the process exits, and runs exactly once', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, offlineReady);
    await sandbox.control('PUT', '/faults/joom-v3', { latencyMs: 1_500 });
    const accepted = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000099' }).expect(202);

    // Wait until the command is running, then until its call to Joom is under way (routing takes
    // milliseconds; the call is held for 1.5 s), then stop the worker.
    await waitForActive(stack, accepted.body.jobId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exitCode = await stack.worker.stop('SIGTERM');
    expect(exitCode).toBe(0);

    const { body } = await stack.http.get(`/v1/jobs/${accepted.body.jobId}`).set(auth);
    expect(body.state).toBe('completed');
    await sandbox.control('DELETE', '/faults/joom-v3');
    expect((await stack.store.repository.getOrThrow(order.id)).status).toBe('shipped');
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });

    // A fresh worker finds nothing half-done to repeat.
    stack.worker = startProcess('worker', stack.env);
    await waitForOutput(stack.worker, /worker started/);
    const replay = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000099' });
    expect(replay.status).toBe(409);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
  });
});
