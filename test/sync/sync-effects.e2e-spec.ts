import { Job } from 'bullmq';
import { CHANNEL_SYNC_JOB, SYNC_QUEUES } from '@app/queues';
import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, sideEffects, startGateway, waitForJob, waitForOrder } from '../support/gateway-stack';
import { startProcess, waitForOutput } from '../support/processes';
import { openQueue } from '../support/queue-fixtures';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks for syncs of `channel` until `done` holds (each run may only get part of the way), at most `runs` times. */
async function syncUntil(stack: GatewayStack, channel: string, done: () => Promise<boolean>, runs = 15): Promise<void> {
  for (let i = 0; i < runs; i++) {
    await stack.http.post(`/v1/channels/${channel}/sync`).set(auth).expect(202);
    for (let waited = 0; waited < 2_000; waited += 100) {
      if (await done()) return;
      await sleep(100);
    }
  }
  throw new Error(`${channel} sync never got there after ${runs} runs`);
}

/** Status changes made at the sandbox reaching the canonical orders through the syncs (issue: ingestion and status sync). */
describe('sync effects', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '40' });
    await sandbox.control('POST', '/joom-v3/actions/set-rate-limit', { listPerMinute: 10_000 });
    stack = await startGateway(sandbox);
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('flags an order that vanished at the channel as remote_missing, keeping its state', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, offlineReady);
    await sandbox.control('POST', '/joom-v3/actions/remove-order', { orderId: order.externalId });
    await syncUntil(stack, 'joom', async () => (await stack.store.repository.getOrThrow(order.id)).attention?.code === 'remote_missing');
    const flagged = await stack.store.repository.getOrThrow(order.id);
    expect(flagged.status).toBe(order.status);
    expect(flagged.attention?.message).toContain(order.externalId);
    expect((await stack.store.repository.history(order.id)).at(-1)).toEqual(expect.objectContaining({ kind: 'annotation', cause: 'sync' }));
    const { body } = await stack.http.get('/v1/orders').query({ channel: 'joom', attention: true }).set(auth).expect(200);
    expect(body.items.map((item: { id: string }) => item.id)).toContain(order.id);
  });

  it('turns a completed Akinon cancellation plan into cancelled, and cancels the order at Flexport once', async () => {
    const [order] = await ingestMatching(stack, 'akinon', 1, (o) => o.snapshot.status === 'ready');
    const accepted = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'flexport' }).expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    expect(await sideEffects(sandbox, 'flexport', order.id)).toEqual({ flexport_order_created: 1 });

    await sandbox.control('POST', '/akinon/actions/create-cancellation-plan', { orderId: order.externalId, status: 'completed' });
    await stack.http.post('/v1/channels/akinon/sync').set(auth).expect(202);
    const cancelled = await waitForOrder(stack, order.id, (o) => o.status === 'cancelled' && o.fulfillment?.providerStatus === 'CANCELLED', 30_000);
    expect(cancelled.cancellation).toEqual(expect.objectContaining({ requestedBy: expect.any(String) }));

    // More syncs read the same plan again: still one Flexport cancel.
    await stack.http.post('/v1/channels/akinon/sync').set(auth).expect(202);
    await sleep(1_500);
    expect(await sideEffects(sandbox, 'flexport', order.id)).toEqual({ flexport_order_created: 1, flexport_order_cancelled: 1 });
    const moves = (await stack.store.repository.history(order.id)).filter((entry) => entry.kind === 'transition').map((entry) => entry.to);
    expect(moves.filter((to) => to === 'cancelled')).toHaveLength(1);
  });

  it('carries Flexport shipped and delivered into the canonical order through the Flexport poll', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, offlineReady);
    const accepted = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'flexport' }).expect(202);
    const job = await waitForJob(stack, accepted.body.jobId);
    const providerOrderId = String(job.result?.providerOrderId);

    await sandbox.control('POST', '/flexport/actions/ship', { orderId: providerOrderId });
    await sandbox.control('POST', '/flexport/actions/deliver', { orderId: providerOrderId });
    await syncUntil(stack, 'flexport', async () => (await stack.store.repository.getOrThrow(order.id)).status === 'delivered');

    const delivered = await waitForOrder(stack, order.id, (o) => !!o.fulfillment?.trackingPushedAt);
    expect(delivered.fulfillment?.shipments[0]).toEqual(expect.objectContaining({ trackingNumber: expect.any(String), deliveredAt: expect.any(String) }));
    const moves = (await stack.store.repository.history(order.id)).filter((entry) => entry.kind === 'transition');
    expect(moves.map((entry) => entry.to)).toEqual(expect.arrayContaining(['fulfilling', 'shipped', 'delivered']));
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });
  });

  it('runs one sync of a channel at a time, however many workers take jobs', async () => {
    const second = startProcess('worker', stack.env);
    const { queue, close } = openQueue(SYNC_QUEUES.joom);
    try {
      await waitForOutput(second, /worker started/);
      // Slow list pages, so runs would overlap if they could.
      await sandbox.control('PUT', '/faults/joom-v3', { latencyMs: 150 });
      const jobs: Job[] = await queue.addBulk(Array.from({ length: 4 }, (_, i) => ({ name: CHANNEL_SYNC_JOB, data: { requestedAt: `test-${i}` } })));
      let maxActive = 0;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        maxActive = Math.max(maxActive, await queue.getActiveCount());
        const states = await Promise.all(jobs.map((job) => queue.getJobState(job.id!)));
        if (states.every((state) => state === 'completed' || state === 'failed')) break;
        await sleep(25);
      }
      const states = await Promise.all(jobs.map((job) => queue.getJobState(job.id!)));
      expect(states).toEqual(['completed', 'completed', 'completed', 'completed']);
      expect(maxActive).toBe(1);
    } finally {
      await sandbox.control('DELETE', '/faults/joom-v3');
      await close();
      await second.stop();
    }
  });
});
