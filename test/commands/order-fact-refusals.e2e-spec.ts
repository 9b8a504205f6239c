import { CanonicalOrder } from '@app/orders';
import { COMMAND_QUEUES, ORDER_COMMANDS_QUEUE, SYNC_QUEUES } from '@app/queues';
import { auth } from '../support/api-fixture';
import { expectErrorAnswer, waitForBootSync, watchWorld, World } from '../support/bad-input-fixtures';
import { GatewayStack, ingestMatching, startGateway, waitForJob } from '../support/gateway-stack';
import { openQueue, TestQueue } from '../support/queue-fixtures';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { buildLine } from '@app/orders/testing';
import { flushRedis, insert, newOrder } from '../support/store-fixtures';

jest.setTimeout(60_000);

/*
 * A command the order's state permits but one of its facts rules out — Joom
 * requires this order to ship online, or does not offer online shipping for
 * it — is refused with that fact's own code (and the actions still open),
 * never a false `illegal_transition` "from ready to shipped": over REST
 * before anything is queued, and on the queue as a job that fails at once.
 */

type Requirement = 'online_only' | 'offline_only';

describe('commands refused by an order fact (online_only, offline_only, no_rejectable_lines)', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  let world: World;
  let producer: TestQueue;
  const orders = {} as Record<Requirement, CanonicalOrder>;
  /** Ready, but every line is past what a reject acts on (one shipped, one rejected). */
  let noRejectable: CanonicalOrder;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '80' });
    stack = await startGateway(sandbox);
    await waitForBootSync(Object.values(SYNC_QUEUES));
    for (const requirement of ['online_only', 'offline_only'] as Requirement[]) {
      [orders[requirement]] = await ingestMatching(stack, 'joom', 1, (order) => order.snapshot.status === 'ready' && order.snapshot.fields.shippingConstraints?.requirement === requirement);
    }
    noRejectable = await insert(
      stack.store.repository,
      newOrder({ channel: 'akinon', status: 'ready', lines: [buildLine({ id: 'ln_a', status: 'shipped' }), buildLine({ id: 'ln_b', status: 'rejected' })] }),
    );
    producer = openQueue(ORDER_COMMANDS_QUEUE);
    world = watchWorld({ store: stack.store, queues: COMMAND_QUEUES, targets: () => [...Object.values(orders), noRejectable].map((order) => order.id), sandbox });
  });
  afterAll(async () => {
    await producer?.close();
    await world?.close();
    await stack?.stop();
    await sandbox?.stop();
  });

  it.each<[string, Requirement, object, number, string, string]>([
    ['tracking', 'online_only', { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815' }, 422, 'online_only', 'fulfill:online'],
    ['flexport', 'online_only', { mode: 'flexport' }, 422, 'online_only', 'fulfill:online'],
    ['online', 'offline_only', { mode: 'online' }, 422, 'offline_only', 'fulfill:tracking'],
  ])('REST: fulfil with mode %s on an %s order (%j) → %i %s, nothing queued', async (_mode, requirement, body, status, code, stillOpen) => {
    const before = await world.snapshot();
    const seq = await world.lastCallSeq();
    const response = await stack.http.post(`/v1/orders/${orders[requirement].id}/fulfill`).set(auth).send(body);
    expectErrorAnswer(response, status, code);
    expect(response.body.details).toEqual({ action: `fulfill:${(body as { mode: string }).mode}`, allowedActions: expect.arrayContaining([stillOpen, 'cancel']) });
    expect(await world.snapshot()).toEqual(before);
    expect(await world.effectCallsSince(seq)).toEqual([]);
  });

  it.each<[string, Requirement, object, RegExp]>([
    ['tracking', 'online_only', { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815' }, /^online_only: "fulfill:tracking" is refused/],
    ['online', 'offline_only', { mode: 'online' }, /^offline_only: "fulfill:online" is refused/],
  ])('queue: a fulfil job with mode %s on an %s order fails at once with the code, and changes nothing', async (_mode, requirement, body, reason) => {
    const before = await world.snapshot();
    const seq = await world.lastCallSeq();
    const job = await producer.queue.add('fulfill', { orderId: orders[requirement].id, ...body }, { attempts: 5, backoff: { type: 'fixed', delay: 1_000 } });
    const view = await waitForJob(stack, job.id!);
    expect(view).toEqual(expect.objectContaining({ state: 'failed', attempts: 1 }));
    expect(view.error).toMatch(reason);
    expect(view.error).not.toMatch(/illegal_transition/);
    expect(await world.snapshot()).toEqual({ ...before, jobs: { ...before.jobs, [ORDER_COMMANDS_QUEUE]: before.jobs[ORDER_COMMANDS_QUEUE] + 1 } });
    expect(await world.effectCallsSince(seq)).toEqual([]);
  });

  it('REST: a reject when no line can still be rejected → 409 no_rejectable_lines, nothing queued', async () => {
    const before = await world.snapshot();
    const response = await stack.http.post(`/v1/orders/${noRejectable.id}/reject`).set(auth).send({ reason: 'out_of_stock' });
    expectErrorAnswer(response, 409, 'no_rejectable_lines');
    expect(response.body.details).toEqual({ action: 'reject', allowedActions: ['fulfill:flexport', 'cancel'] });
    expect(await world.snapshot()).toEqual(before);
  });

  it('queue: the same reject fails at once with no_rejectable_lines', async () => {
    const job = await producer.queue.add('reject', { orderId: noRejectable.id, reason: 'out_of_stock' }, { attempts: 5 });
    const view = await waitForJob(stack, job.id!);
    expect(view).toEqual(expect.objectContaining({ state: 'failed', attempts: 1 }));
    expect(view.error).toMatch(/^no_rejectable_lines: "reject" is refused: no line of this order can still be rejected/);
  });
});
