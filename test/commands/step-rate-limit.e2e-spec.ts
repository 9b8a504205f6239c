import { SYSTEM_QUEUES } from '@app/queues';
import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, startGateway, waitForJob } from '../support/gateway-stack';
import { openQueue } from '../support/queue-fixtures';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(60_000);

describe('per-system step rate (JOOM_STEPS_PER_SECOND)', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '60' });
    stack = await startGateway(sandbox, { JOOM_STEPS_PER_SECOND: '2' });
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it("holds Joom steps to the configured rate, as the queue's global rate limit", async () => {
    const { queue, close } = openQueue(SYSTEM_QUEUES.joom);
    try {
      // StepRateLimits stores it in the queue's meta hash, where every worker's BullMQ reads it.
      const meta = await (await queue.client).hgetall(`${queue.opts.prefix}:${queue.name}:meta`);
      expect({ max: meta.max, duration: meta.duration }).toEqual({ max: '2', duration: '1000' });
      const orders = await ingestMatching(stack, 'joom', 6, offlineReady);
      const accepted = await Promise.all(
        orders.map((order, i) => stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'DHL', trackingNumber: `JD01460001${i}` }).expect(202)),
      );
      for (const { body } of accepted) expect((await waitForJob(stack, body.jobId)).state).toBe('completed');
      const steps = await queue.getJobs(['completed'], 0, -1);
      const started = steps.map((job) => job.processedOn!).sort((a, b) => a - b);
      expect(started).toHaveLength(6);
      // Two per one-second window: six steps cannot start within less than two windows.
      expect(started[5] - started[0]).toBeGreaterThanOrEqual(1_900);
    } finally {
      await close();
    }
  });
});
