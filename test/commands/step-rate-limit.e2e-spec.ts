import { SYSTEM_QUEUES } from '@app/queues';
import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, startGateway, waitForJob } from '../support/gateway-stack';
import { openQueue } from '../support/queue-fixtures';
import { observeSandbox } from '../support/sandbox-observer';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(60_000);

describe('per-system step rate (JOOM_STEPS_PER_SECOND)', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  const joom = observeSandbox(() => sandbox, 'joom-v3');

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '60' });
    stack = await startGateway(sandbox, { JOOM_STEPS_PER_SECOND: '2' });
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it("holds Joom steps to the configured rate, as the queue's global rate limit, whether they run as jobs or inside their intake job", async () => {
    const { queue, close } = openQueue(SYSTEM_QUEUES.joom);
    try {
      // StepRateLimits stores it in the queue's meta hash, where every worker's BullMQ (and the direct path) reads it.
      const meta = await (await queue.client).hgetall(`${queue.opts.prefix}:${queue.name}:meta`);
      expect({ max: meta.max, duration: meta.duration }).toEqual({ max: '2', duration: '1000' });
      const orders = await ingestMatching(stack, 'joom', 6, offlineReady);
      const since = await joom.lastSeq();
      const accepted = await Promise.all(
        orders.map((order, i) => stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'DHL', trackingNumber: `JD01460001${i}` }).expect(202)),
      );
      const views = [];
      for (const { body } of accepted) views.push(await waitForJob(stack, body.jobId));
      expect(views.map((view) => view.state)).toEqual(orders.map(() => 'completed'));

      const fulfils = (await joom.calls(since)).filter((call) => call.method === 'POST' && call.path.endsWith('/orders/fulfill'));
      const started = fulfils.map((call) => Date.parse(call.time)).sort((a, b) => a - b);
      expect(started).toHaveLength(6);
      // Two per one-second window: six calls cannot start within less than two windows (less a few ms of
      // arrival jitter at the sandbox).
      expect(started[5] - started[0]).toBeGreaterThanOrEqual(1_900);
      // The six arrived at once: the first window's two ran inside their intake jobs, the rest waited as step jobs.
      const ranInIntake = views.filter((view) => view.steps.some((step) => step.ranInRoutingJob)).length;
      expect(ranInIntake).toBeGreaterThanOrEqual(1);
      expect(ranInIntake).toBeLessThanOrEqual(2);
    } finally {
      await close();
    }
  });
});
