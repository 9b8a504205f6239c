import { SYSTEM_QUEUES } from '@app/queues';
import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, startGateway, waitForJob } from '../support/gateway-stack';
import { RunningProcess, startProcess, waitForOutput } from '../support/processes';
import { openQueue } from '../support/queue-fixtures';
import { observeSandbox, SandboxCall } from '../support/sandbox-observer';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

const isFulfil = (call: SandboxCall) => call.method === 'POST' && call.path.endsWith('/orders/fulfill');

/** The most calls that were in flight at one moment (each from its arrival to its answer). */
function peakOverlap(calls: SandboxCall[]): number {
  const edges = calls.flatMap((call) => {
    const start = Date.parse(call.time);
    return [
      { at: start, step: 1 },
      { at: start + call.durationMs, step: -1 },
    ];
  });
  // An answer and an arrival at the same millisecond: the answer first.
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let now = 0;
  let peak = 0;
  for (const edge of edges) peak = Math.max(peak, (now += edge.step));
  return peak;
}

async function fulfilAll(stack: GatewayStack, count: number): Promise<void> {
  const orders = await ingestMatching(stack, 'joom', count, offlineReady);
  const accepted = await Promise.all(
    orders.map((order, i) =>
      stack.http
        .post(`/v1/orders/${order.id}/fulfill`)
        .set(auth)
        .send({ mode: 'tracking', carrier: 'DHL', trackingNumber: `JD01460001${String(i).padStart(2, '0')}` })
        .expect(202),
    ),
  );
  const views = [];
  for (const { body } of accepted) views.push(await waitForJob(stack, body.jobId, 60_000));
  expect(views.map((view) => view.state)).toEqual(orders.map(() => 'completed'));
}

describe('per-system limits, held by BullMQ across worker processes', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack | undefined;
  const extraWorkers: RunningProcess[] = [];
  const joom = observeSandbox(() => sandbox, 'joom-v3');

  beforeEach(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '60' });
  });
  afterEach(async () => {
    await Promise.all(extraWorkers.splice(0).map((worker) => worker.stop()));
    await stack?.stop();
    await sandbox?.stop();
  });

  it('holds Joom steps to JOOM_STEPS_PER_SECOND, set as the queue’s global rate limit', async () => {
    stack = await startGateway(sandbox, { JOOM_STEPS_PER_SECOND: '2' });
    const { queue, close } = openQueue(SYSTEM_QUEUES.joom);
    try {
      expect(await queue.getGlobalRateLimit()).toEqual({ max: 2, duration: 1000 });
      const since = await joom.lastSeq();
      await fulfilAll(stack, 6);
      const started = (await joom.calls(since))
        .filter(isFulfil)
        .map((call) => Date.parse(call.time))
        .sort((a, b) => a - b);
      expect(started).toHaveLength(6);
      // Two per one-second window: six calls take three windows, so the last starts about 2 s after the first —
      // less the time the first job spent before its call (its window opened when it was fetched). Unlimited,
      // the six start within a few hundred ms.
      expect(started[5] - started[0]).toBeGreaterThanOrEqual(1_500);
    } finally {
      await close();
    }
  });

  it('with 3 worker processes, never has more than JOOM_STEP_CONCURRENCY calls to Joom in flight', async () => {
    stack = await startGateway(sandbox, { JOOM_STEPS_PER_SECOND: '1000', JOOM_STEP_CONCURRENCY: '2' });
    for (let i = 0; i < 2; i++) {
      const worker = startProcess('worker', stack.env);
      extraWorkers.push(worker);
      await waitForOutput(worker, /worker started/);
    }
    const { queue, close } = openQueue(SYSTEM_QUEUES.joom);
    try {
      expect(await queue.getGlobalConcurrency()).toBe(2);
    } finally {
      await close();
    }
    await sandbox.control('PUT', '/faults/joom-v3', { latencyMs: 250 });
    const since = await joom.lastSeq();
    await fulfilAll(stack, 12);
    const fulfils = (await joom.calls(since)).filter(isFulfil);
    expect(fulfils).toHaveLength(12);
    // Each worker alone would run 2 at once: 3 workers without a global cap reach 6.
    expect(peakOverlap(fulfils)).toBe(2);
  });
});
