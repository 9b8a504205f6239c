import { SYSTEM_QUEUES } from '@app/queues';
import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, sideEffects, startGateway, waitForActive, waitForJob } from '../support/gateway-stack';
import { startProcess, waitForOutput } from '../support/processes';
import { openQueue, TestQueue } from '../support/queue-fixtures';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

/**
 * The direct path (DirectStep): a command of one step, without a key, runs
 * that step inside its intake job when Joom has room; otherwise, and after a
 * crash, the step is a job of the Joom queue — and either way it happens once.
 */
describe('commands of one step: run inside the intake job, or as a step job', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  let steps: TestQueue;
  const fulfil = (orderId: string, trackingNumber: string) => stack.http.post(`/v1/orders/${orderId}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'DHL', trackingNumber });

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '60' });
    stack = await startGateway(sandbox);
    steps = openQueue(SYSTEM_QUEUES.joom);
  });
  afterAll(async () => {
    await steps?.close();
    await stack?.stop();
    await sandbox?.stop();
  });

  it('runs the step inside the intake job: no step job, the step in the job view, its id on the history (and a way to the command), counted in /metrics', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, offlineReady);
    const accepted = await fulfil(order.id, 'JD0146000201').expect(202);
    const view = await waitForJob(stack, accepted.body.jobId);
    const stepId = `${accepted.body.jobId}-1`;

    expect(view.state).toBe('completed');
    expect(view.result).toEqual({ status: 'shipped', alreadyDone: false });
    expect(view.steps).toEqual([
      expect.objectContaining({ queue: 'order-commands', jobId: accepted.body.jobId, state: 'completed' }),
      expect.objectContaining({ queue: SYSTEM_QUEUES.joom, jobId: stepId, name: 'fulfill-tracking', state: 'completed', ranInRoutingJob: true }),
    ]);
    expect(await steps.queue.getJob(stepId)).toBeUndefined();
    const shipped = (await stack.store.repository.history(order.id)).filter((entry) => entry.kind === 'transition' && entry.to === 'shipped');
    expect(shipped.map((entry) => entry.jobId)).toEqual([stepId]);
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });
    // The history's job id leads back to the command; an id the command never had does not.
    expect((await stack.http.get(`/v1/jobs/${stepId}`).set(auth).expect(200)).body).toEqual(view);
    await stack.http.get(`/v1/jobs/${accepted.body.jobId}-2`).set(auth).expect(404);

    const deadline = Date.now() + 5_000;
    let metrics = '';
    while (!/gateway_queue_direct_total\{queue="commands-joom",system="joom"\} [1-9]/.test(metrics) && Date.now() < deadline) {
      metrics = (await stack.http.get('/metrics')).text;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(metrics).toMatch(/gateway_queue_direct_total\{queue="commands-joom",system="joom"\} [1-9]/);
  });

  it('keeps the step of a command with an Idempotency-Key a job of its own (the key names it, for later requests to join), found by its id too', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, offlineReady);
    const accepted = await fulfil(order.id, 'JD0146000202').set('Idempotency-Key', `direct-${order.id}`).expect(202);
    const view = await waitForJob(stack, accepted.body.jobId);
    expect(view.state).toBe('completed');
    expect(view.steps).toHaveLength(2);
    expect(view.steps[1]).not.toHaveProperty('ranInRoutingJob');
    expect(await steps.queue.getJob(`${accepted.body.jobId}-1`)).toBeDefined();
    expect((await stack.http.get(`/v1/jobs/${accepted.body.jobId}-1`).set(auth).expect(200)).body).toEqual(view);
  });

  it('after the worker dies inside a direct step, hands the step to its queue marked resumed: it reads Joom first and fulfils once', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, offlineReady);
    await sandbox.control('PUT', '/faults/joom-v3', { latencyMs: 1_500 });
    const accepted = await fulfil(order.id, 'JD0146000203').expect(202);
    await waitForActive(stack, accepted.body.jobId);
    await new Promise((resolve) => setTimeout(resolve, 300)); // inside the held call to Joom
    await stack.worker.stop('SIGKILL');
    await sandbox.control('DELETE', '/faults/joom-v3');

    // The intake job's lock expires (STALL_RECOVERY) and a fresh worker runs it again.
    stack.worker = startProcess('worker', stack.env);
    await waitForOutput(stack.worker, /worker started/);
    const view = await waitForJob(stack, accepted.body.jobId, 45_000);

    expect(view.state).toBe('completed');
    const stepId = `${accepted.body.jobId}-1`;
    expect(view.steps.map((step) => [step.name, step.state, step.ranInRoutingJob ?? false])).toEqual([
      ['fulfill', 'completed', false],
      ['fulfill-tracking', 'completed', false],
    ]);
    expect((await steps.queue.getJob(stepId))?.data).toMatchObject({ resumed: true });
    expect((await stack.store.repository.getOrThrow(order.id)).status).toBe('shipped');
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });
  });
});
