import { auth } from '../support/api-fixture';
import { GatewayStack, listedOrders, startGateway, waitForOrder } from '../support/gateway-stack';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';
import { orderIdFor } from '@app/store';

jest.setTimeout(120_000);

const SEEDED = 10_000;

/** Orders stored for a channel, and how many distinct channel ids among them (a duplicate would differ). */
async function countStored(stack: GatewayStack, channel: 'joom' | 'akinon'): Promise<{ count: number; distinct: number }> {
  const orders = await listedOrders(stack, channel);
  return { count: orders.length, distinct: new Set(orders.map((order) => order.externalId)).size };
}

describe('channel sync', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: String(SEEDED) });
    await sandbox.control('POST', '/seed', { api: 'akinon', count: 200 });
    // Joom allows 50 list calls a minute; this suite polls more often than that (the 429 test below sets its own limit).
    await sandbox.control('POST', '/joom-v3/actions/set-rate-limit', { listPerMinute: 10_000 });
    stack = await startGateway(sandbox);
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it(`ingests ${SEEDED} Joom orders on demand, none missing, none duplicated`, async () => {
    const started = Date.now();
    await stack.http.post('/v1/channels/joom/sync').set(auth).expect(202);
    const deadline = Date.now() + 100_000;
    let stored = { count: 0, distinct: 0 };
    while (Date.now() < deadline) {
      stored = await countStored(stack, 'joom');
      if (stored.count >= SEEDED) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`ingested ${stored.count} Joom v3 orders in ${seconds.toFixed(1)} s\n`);
    expect(stored).toEqual({ count: SEEDED, distinct: SEEDED });
  });

  it('carries a status change made at the channel into the canonical order, with cause sync', async () => {
    const { body } = await stack.http.get('/v1/orders').query({ channel: 'joom', status: 'ready', limit: 1 }).set(auth).expect(200);
    const order = body.items[0];
    await sandbox.control('POST', '/joom-v3/actions/set-state', { orderId: order.externalId, state: 'shipped' });
    await stack.http.post('/v1/channels/joom/sync').set(auth).expect(202);
    await waitForOrder(stack, order.id, (o) => o.status === 'shipped');
    const history = await stack.store.repository.history(order.id);
    expect(history.at(-1)).toEqual(expect.objectContaining({ from: 'ready', to: 'shipped', cause: 'sync' }));
  });

  it('flags a channel status it does not know instead of guessing', async () => {
    const { body } = await stack.http.get('/v1/orders').query({ channel: 'joom', status: 'ready', limit: 1 }).set(auth).expect(200);
    const order = body.items[0];
    await sandbox.control('POST', '/joom-v3/actions/set-state', { orderId: order.externalId, state: 'onHold' });
    await stack.http.post('/v1/channels/joom/sync').set(auth).expect(202);
    const flagged = await waitForOrder(stack, order.id, (o) => o.attention?.code === 'unmapped_status');
    expect(flagged.status).toBe('ready');
    expect(flagged.channelStatus).toBe('onHold');
  });

  it('ingests Akinon orders with their items, and turns a cancellation plan into cancelling', async () => {
    await stack.http.post('/v1/channels/akinon/sync').set(auth).expect(202);
    const deadline = Date.now() + 60_000;
    while ((await countStored(stack, 'akinon')).count < 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await countStored(stack, 'akinon')).toEqual({ count: 200, distinct: 200 });

    const { body } = await stack.http.get('/v1/orders').query({ channel: 'akinon', status: 'ready', limit: 1 }).set(auth).expect(200);
    const order = body.items[0];
    expect(order.lines.length).toBeGreaterThan(0);
    await sandbox.control('POST', '/akinon/actions/create-cancellation-plan', { orderId: order.externalId, status: 'waiting' });
    await stack.http.post('/v1/channels/akinon/sync').set(auth).expect(202);
    // The second run starts once the first has read its plans and audited a few live orders: on a loaded machine that takes a while.
    const cancelling = await waitForOrder(stack, orderIdFor('akinon', 'main', order.externalId), (o) => o.status === 'cancelling', 45_000);
    expect(cancelling.cancellation).toEqual(expect.objectContaining({ requestedBy: expect.any(String) }));
  });

  it('waits for the list quota instead of being refused: paced on X-Rate-Limit-Remaining / -Reset (docs/api-decisions.md JO-8)', async () => {
    const { body } = await stack.http.get('/v1/orders').query({ channel: 'joom', status: 'ready', limit: 1 }).set(auth).expect(200);
    const order = body.items[0];
    await sandbox.control('POST', '/joom-v3/actions/set-rate-limit', { listPerMinute: 1, windowSeconds: 2 });
    try {
      await sandbox.control('DELETE', '/calls');
      // The first sync spends the window's only list call; the second waits for the next window.
      await stack.http.post('/v1/channels/joom/sync').set(auth).expect(202);
      for (let i = 0; i < 100; i++) {
        const { calls } = await sandbox.control<{ calls: unknown[] }>('GET', '/calls?api=joom-v3');
        if (calls.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await sandbox.control('POST', '/joom-v3/actions/set-state', { orderId: order.externalId, state: 'cancelled' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await stack.http.post('/v1/channels/joom/sync').set(auth).expect(202);
      await waitForOrder(stack, order.id, (o) => o.status === 'cancelled', 30_000);
      const { calls } = await sandbox.control<{ calls: { path: string; status: number | null }[] }>('GET', '/calls?api=joom-v3');
      expect(calls.filter((call) => call.path === '/api/v3/orders/multi').length).toBeGreaterThanOrEqual(2);
      expect(calls.filter((call) => call.status === 429)).toEqual([]);
    } finally {
      await sandbox.control('POST', '/joom-v3/actions/set-rate-limit', { listPerMinute: 10_000, windowSeconds: 60 });
    }
  });

  it('answers 400 for an unknown channel', async () => {
    const { body } = await stack.http.post('/v1/channels/amazon/sync').set(auth).expect(400);
    expect(body.details.fields[0].field).toBe('channel');
  });
});
