import { Job } from 'bullmq';
import { CanonicalOrder } from '@app/orders';
import { COMMAND_JOB_OPTIONS, SYSTEM_QUEUES } from '@app/queues';
import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, sideEffects, startGateway, waitForJob, waitForOrder } from '../support/gateway-stack';
import { openQueue, TestQueue } from '../support/queue-fixtures';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

const tracking = (i: number) => ({ mode: 'tracking', carrier: 'DHL', trackingNumber: `JD0146000${String(i).padStart(5, '0')}` });
const REFUSALS = ['command_in_progress', 'illegal_transition'];

describe('one command per order, and commands added straight to a step queue', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  let orders: CanonicalOrder[];
  let commands: TestQueue;
  let joomSteps: TestQueue;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '120' });
    stack = await startGateway(sandbox);
    orders = await ingestMatching(stack, 'joom', 4, offlineReady);
    commands = openQueue();
    joomSteps = openQueue(SYSTEM_QUEUES.joom);
    // Each fulfil call takes a while, so later requests arrive while the first command is still running.
    await sandbox.control('PUT', '/faults/joom-v3', { latencyMs: 300 });
  });
  afterAll(async () => {
    await commands?.close();
    await joomSteps?.close();
    await stack?.stop();
    await sandbox?.stop();
  });

  it('30 concurrent REST fulfils of one order: one is carried out, 29 are refused clearly, the order is shipped and unflagged', async () => {
    const order = orders[0];
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send(tracking(i))));
    const accepted = answers.filter((answer) => answer.status === 202);
    expect(accepted).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(refused).toHaveLength(29);
    for (const { body } of refused) expect(REFUSALS).toContain(body.code);
    const inProgress = refused.find(({ body }) => body.code === 'command_in_progress');
    expect(inProgress?.body.details).toEqual({ jobId: accepted[0].body.jobId, queue: SYSTEM_QUEUES.joom });

    expect((await waitForJob(stack, accepted[0].body.jobId)).state).toBe('completed');
    const stored = await stack.store.repository.getOrThrow(order.id);
    expect(stored.status).toBe('shipped');
    expect(stored.attention).toBeNull();
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });
  });

  it('30 fulfil jobs of one order on order-commands: one chain, 29 jobs failed with a stable code, one effect', async () => {
    const order = orders[1];
    const jobs = await Promise.all(Array.from({ length: 30 }, (_, i) => commands.queue.add('fulfill', { ...tracking(i), orderId: order.id, requestedBy: 'crm' })));
    const finished = await Promise.all(jobs.map((job) => waitForJob(stack, job.id!, 60_000)));
    expect(finished.filter((view) => view.state === 'completed')).toHaveLength(1);
    const failed = finished.filter((view) => view.state === 'failed');
    expect(failed).toHaveLength(29);
    for (const view of failed) expect(view.error).toMatch(/^(command_in_progress|illegal_transition): /);
    const stored = await waitForOrder(stack, order.id, (current) => current.status === 'shipped');
    expect(stored.attention).toBeNull();
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });
  });

  it('runs a command added straight to commands-joom with the gateway’s options as one job: its own first step', async () => {
    const order = orders[2];
    const job = await joomSteps.queue.add('fulfill', { ...tracking(99), orderId: order.id, requestedBy: 'crm' }, { ...COMMAND_JOB_OPTIONS, jobId: 'crm-direct-1' });
    const view = await waitForJob(stack, job.id!);
    expect(view).toMatchObject({ jobId: 'crm-direct-1', command: 'fulfill', orderId: order.id, state: 'completed' });
    expect(view.steps).toEqual([expect.objectContaining({ queue: SYSTEM_QUEUES.joom, jobId: 'crm-direct-1', state: 'completed' })]);
    const stored = await Job.fromId(joomSteps.queue, 'crm-direct-1');
    expect(stored?.data).toMatchObject({ command: 'fulfill', plan: [{ system: 'joom', step: 'fulfill-tracking' }], index: 0 });
    expect((await stack.store.repository.getOrThrow(order.id)).status).toBe('shipped');
    const history = await stack.store.repository.history(order.id);
    expect(history.filter((entry) => entry.to === 'shipped' && entry.kind === 'transition')).toEqual([expect.objectContaining({ jobId: 'crm-direct-1', actor: 'crm' })]);
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });
  });

  it('fails a step job added by hand that the REST body would refuse (a 305-character tracking number), before any call', async () => {
    const order = orders[3];
    const before = await stack.store.repository.getOrThrow(order.id);
    const forged = await joomSteps.queue.add(
      'fulfill-tracking',
      {
        chainId: 'forged-1',
        command: 'fulfill',
        orderId: order.id,
        payload: { mode: 'tracking', carrier: 'DHL', trackingNumber: 'A'.repeat(305) },
        requestedBy: 'crm',
        plan: [{ system: 'joom', step: 'fulfill-tracking' }],
        index: 0,
      },
      { ...COMMAND_JOB_OPTIONS, jobId: 'forged-1-1' },
    );
    const view = await waitForJob(stack, forged.id!);
    expect(view.state).toBe('failed');
    expect(view.attempts).toBe(1);
    expect(view.error).toMatch(/^invalid_command_job: invalid fulfill-tracking step job: trackingNumber must be 3–64 letters, digits or dashes/);
    expect(await stack.store.repository.getOrThrow(order.id)).toEqual(before);
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({});
  });
});
