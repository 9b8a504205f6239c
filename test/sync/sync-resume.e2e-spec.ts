import { auth } from '../support/api-fixture';
import { GatewayStack, startGateway } from '../support/gateway-stack';
import { startProcess, waitForOutput } from '../support/processes';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { connectRedis, flushRedis } from '../support/store-fixtures';
import { ALL_SHARDS, storeKeys } from '@app/store';

jest.setTimeout(120_000);

const SEEDED = 3_000;

/** Counts stored Joom orders and their `order.created` events straight from Redis. */
async function tally(): Promise<{ orders: number; created: number }> {
  const redis = await connectRedis();
  try {
    let orders = 0;
    let created = 0;
    for (const shard of ALL_SHARDS) {
      orders += await redis.zcard(storeKeys.indexChannel(shard, 'joom'));
      const events = await redis.xrange(storeKeys.events(shard), '-', '+');
      created += events.filter(([, fields]) => fields[1] === 'order.created' && JSON.parse(fields[5]).channel === 'joom').length;
    }
    return { orders, created };
  } finally {
    redis.disconnect();
  }
}

describe('a sync killed mid-way', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: String(SEEDED) });
    await sandbox.control('POST', '/joom-v3/actions/set-rate-limit', { listPerMinute: 10_000 });
    stack = await startGateway(sandbox);
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('resumes from its durable cursor after SIGKILL: nothing lost, nothing created twice', async () => {
    // Slow pages, so the kill lands in the middle of the run.
    await sandbox.control('PUT', '/faults/joom-v3', { latencyMs: 400 });
    await stack.http.post('/v1/channels/joom/sync').set(auth).expect(202);
    const deadline = Date.now() + 30_000;
    while ((await tally()).orders < 600) {
      if (Date.now() > deadline) throw new Error('the sync never got going');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await stack.worker.stop('SIGKILL');
    const atKill = await tally();
    expect(atKill.orders).toBeLessThan(SEEDED);
    await sandbox.control('DELETE', '/faults/joom-v3');

    stack.worker = startProcess('worker', stack.env);
    await waitForOutput(stack.worker, /worker started/);
    const started = Date.now();
    while ((await tally()).orders < SEEDED && Date.now() - started < 60_000) await new Promise((resolve) => setTimeout(resolve, 500));
    const final = await tally();
    process.stdout.write(`killed at ${atKill.orders} orders; recovered to ${final.orders} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    expect(final).toEqual({ orders: SEEDED, created: SEEDED });
  });
});
