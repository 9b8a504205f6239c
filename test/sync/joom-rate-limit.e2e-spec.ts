import { auth } from '../support/api-fixture';
import { GatewayStack, startGateway, waitForOrder } from '../support/gateway-stack';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

const SEEDED = 3_000; // six pages of 500

interface Call {
  path: string;
  status: number | null;
}

async function storedJoomOrders(stack: GatewayStack): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const { body } = await stack.http
      .get('/v1/orders')
      .query({ channel: 'joom', limit: 500, ...(cursor ? { cursor } : {}) })
      .set(auth)
      .expect(200);
    count += body.items.length;
    cursor = body.nextCursor ?? undefined;
  } while (cursor);
  return count;
}

/**
 * Joom's list quota across HTTP (docs/api-decisions.md JO-8): a backlog sync
 * is paced on the quota headers and never refused, and no single 429 pauses
 * the sync longer than RATE_LIMIT_MAX_WAIT_MS.
 */
describe('Joom rate limits, end to end', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack | undefined;

  beforeEach(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: String(SEEDED) });
  });
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
    await sandbox?.stop();
  });

  it('paces a backlog sync on X-Rate-Limit-Remaining / -Reset: every order stored, no list call refused', async () => {
    // Three list calls per 2-second window: the six calls of the backlog need two windows or more.
    await sandbox.control('POST', '/joom-v3/actions/set-rate-limit', { listPerMinute: 3, windowSeconds: 2 });
    stack = await startGateway(sandbox); // every sync scheduler runs once at boot
    const deadline = Date.now() + 40_000;
    let stored = 0;
    while (Date.now() < deadline && stored < SEEDED) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      stored = await storedJoomOrders(stack);
    }
    expect(stored).toBe(SEEDED);
    const { calls } = await sandbox.control<{ calls: Call[] }>('GET', '/calls?api=joom-v3');
    const lists = calls.filter((call) => call.path === '/api/v3/orders/multi');
    expect(lists.length).toBeGreaterThanOrEqual(6);
    expect(lists.filter((call) => call.status === 429)).toEqual([]);
  });

  it('a 429 asking for an hour pauses the sync for RATE_LIMIT_MAX_WAIT_MS at most', async () => {
    await sandbox.control('POST', '/joom-v3/actions/set-rate-limit', { listPerMinute: 10_000 });
    stack = await startGateway(sandbox, { RATE_LIMIT_MAX_WAIT_MS: '2000' });
    const gateway = stack;
    const until = Date.now() + 40_000;
    while (Date.now() < until && (await storedJoomOrders(gateway)) < SEEDED) await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await storedJoomOrders(gateway)).toBe(SEEDED);
    const { body } = await gateway.http.get('/v1/orders').query({ channel: 'joom', status: 'ready', limit: 1 }).set(auth).expect(200);
    const order = body.items[0];

    await sandbox.control('DELETE', '/calls');
    await sandbox.control('PUT', '/faults/joom-v3', { rateLimitRate: 1, retryAfterSeconds: 3600 });
    await gateway.http.post('/v1/channels/joom/sync').set(auth).expect(202);
    for (let i = 0; i < 200; i++) {
      const { calls } = await sandbox.control<{ calls: Call[] }>('GET', '/calls?api=joom-v3');
      if (calls.some((call) => call.status === 429)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await sandbox.control('DELETE', '/faults');
    await sandbox.control('POST', '/joom-v3/actions/set-state', { orderId: order.externalId, state: 'cancelled' });
    const lifted = Date.now();
    await gateway.http.post('/v1/channels/joom/sync').set(auth).expect(202);
    // The paused run comes back after the capped wait (≤ 2 s), not after the hour Joom asked for.
    await waitForOrder(gateway, order.id, (o) => o.status === 'cancelled', 15_000);
    expect(Date.now() - lifted).toBeLessThan(15_000);
  });
});
