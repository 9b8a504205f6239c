import { CanonicalOrder, HistoryEntry } from '@app/orders';
import { ORDER_COMMANDS_QUEUE } from '@app/queues';
import { CommandLeases } from '@app/store';
import { auth, TEST_API_KEY } from '../support/api-fixture';
import { expectErrorAnswer, longString } from '../support/bad-input-fixtures';
import { GatewayStack, ingestMatching, offlineReady, sideEffects, startGateway, waitForJob } from '../support/gateway-stack';
import { openQueue, TestQueue } from '../support/queue-fixtures';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';
import { createHash } from 'node:crypto';

jest.setTimeout(90_000);

/** How the history names the test's API key (README, *REST API*). */
const CALLER = `api-key:${createHash('sha256').update(TEST_API_KEY).digest('hex').slice(0, 8)}`;
const TRACKING = { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815' };

/*
 * Holds across api, worker and sandbox (docs/api-decisions.md HO-1 … HO-4):
 * a held order is refused fulfilment over REST and on the queue before any
 * call is made, holds stack and are released one by one, each move is a
 * history entry naming who made it, and once the last hold goes the same
 * fulfil ships the order — counted in the sandbox's ledger.
 */
describe('holds: hold → fulfil refused on_hold → release → fulfil ships', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  let producer: TestQueue;
  let joom: CanonicalOrder[];

  const hold = (id: string, body: object) => stack.http.post(`/v1/orders/${id}/hold`).set(auth).send(body);
  const release = (id: string, body: object = {}) => stack.http.post(`/v1/orders/${id}/release`).set(auth).send(body);
  const fulfil = (id: string) => stack.http.post(`/v1/orders/${id}/fulfill`).set(auth).send(TRACKING);
  const holdEntries = async (id: string): Promise<HistoryEntry[]> => (await stack.store.repository.history(id)).filter((entry) => entry.note?.startsWith('hold '));

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '120' });
    stack = await startGateway(sandbox);
    joom = await ingestMatching(stack, 'joom', 8, offlineReady);
    producer = openQueue(ORDER_COMMANDS_QUEUE);
  });
  afterAll(async () => {
    await producer?.close();
    await stack?.stop();
    await sandbox?.stop();
  });

  it('refuses fulfil 409 on_hold naming the hold (REST and queue, nothing sent), then ships it once the hold is released', async () => {
    const order = joom[0];
    const held = await hold(order.id, { reason: 'fraud_review', note: 'billing and shipping country differ' }).expect(200);
    expect(held.body.holds).toEqual([
      { id: expect.stringMatching(/^hld_[0-9a-f]{12}$/), reason: 'fraud_review', source: 'operator', note: 'billing and shipping country differ', placedBy: CALLER, placedAt: expect.any(String) },
    ]);
    expect(held.body.status).toBe('ready');
    expect(held.body.allowedActions).toEqual(['cancel', 'reject', 'release']);
    // The single-order read presents the stored bytes and the stored facts: the same view.
    expect((await stack.http.get(`/v1/orders/${order.id}`).set(auth).expect(200)).body).toEqual(held.body);

    const refused = await fulfil(order.id);
    expectErrorAnswer(refused, 409, 'on_hold');
    expect(refused.body.message).toContain('fraud_review (operator: billing and shipping country differ)');
    expect(refused.body.details).toEqual({
      holds: [{ id: held.body.holds[0].id, reason: 'fraud_review', source: 'operator', note: 'billing and shipping country differ' }],
      allowedActions: ['cancel', 'reject'],
    });

    // The queue intake runs the same check: the job fails at once with the code.
    const job = await producer.queue.add('fulfill', { orderId: order.id, ...TRACKING });
    const view = await waitForJob(stack, job.id!);
    expect(view).toEqual(expect.objectContaining({ state: 'failed', attempts: 1 }));
    expect(view.error).toMatch(/^on_hold: The order is on hold — fraud_review/);
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({});
    expect((await stack.store.repository.getOrThrow(order.id)).attention).toBeNull();

    const released = await release(order.id, { reason: 'fraud_review', note: 'card holder confirmed' }).expect(200);
    expect(released.body).not.toHaveProperty('holds');
    expect(released.body.allowedActions).toContain('fulfill:tracking');

    const accepted = await fulfil(order.id).expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    expect((await stack.store.repository.getOrThrow(order.id)).status).toBe('shipped');
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });

    expect(await holdEntries(order.id)).toEqual([
      expect.objectContaining({ kind: 'annotation', from: 'ready', to: 'ready', cause: 'command', actor: CALLER, note: 'hold fraud_review placed (operator): billing and shipping country differ' }),
      expect.objectContaining({ kind: 'annotation', from: 'ready', to: 'ready', cause: 'command', actor: CALLER, note: 'hold fraud_review released (operator): card holder confirmed' }),
    ]);
  });

  it('stacks holds: both show, releasing one leaves the other (still refused), a release naming none of two is refused', async () => {
    const order = joom[1];
    await hold(order.id, { reason: 'fraud_review', note: 'first' }).expect(200);
    const both = await hold(order.id, { reason: 'stock_check', note: 'second' }).expect(200);
    expect(both.body.holds.map((h: { reason: string }) => h.reason)).toEqual(['fraud_review', 'stock_check']);
    // The same reason again changes nothing: a retried request is harmless.
    const again = await hold(order.id, { reason: 'stock_check', note: 'retried' }).expect(200);
    expect(again.body.version).toBe(both.body.version);

    const ambiguous = await release(order.id);
    expectErrorAnswer(ambiguous, 409, 'hold_ambiguous');
    expect(ambiguous.body.details.holds.map((h: { reason: string }) => h.reason)).toEqual(['fraud_review', 'stock_check']);

    const one = await release(order.id, { reason: 'fraud_review' }).expect(200);
    expect(one.body.holds).toEqual([expect.objectContaining({ reason: 'stock_check', note: 'second' })]);
    const refused = await fulfil(order.id);
    expectErrorAnswer(refused, 409, 'on_hold');
    expect(refused.body.details.holds).toEqual([expect.objectContaining({ reason: 'stock_check' })]);

    // A hold stops shipping, not refusing: cancel goes through while held.
    const cancel = await stack.http.post(`/v1/orders/${order.id}/cancel`).set(auth).send({ reason: 'out_of_stock' }).expect(202);
    expect((await waitForJob(stack, cancel.body.jobId)).state).toBe('completed');
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual(expect.not.objectContaining({ fulfill: expect.anything() }));
  });

  it('refuses a release of a hold the order does not have, bad input, and unknown orders, in the one error shape', async () => {
    const order = joom[2];
    expectErrorAnswer(await release(order.id, { reason: 'fraud_review' }), 409, 'not_held');
    expectErrorAnswer(await release(order.id), 409, 'not_held');

    const badReason = await hold(order.id, { reason: 'because', note: 'x' });
    expectErrorAnswer(badReason, 400, 'validation_failed', 'reason');
    expect(badReason.body.message).toContain('fraud_review, payment_review, stock_check, address_check, customer_request, other');
    expectErrorAnswer(await hold(order.id, { reason: 'address_incomplete', note: 'x' }), 400, 'validation_failed', 'reason');
    expectErrorAnswer(await hold(order.id, { reason: 'other' }), 400, 'validation_failed', 'note');
    expectErrorAnswer(await hold(order.id, { reason: 'other', note: longString(501) }), 400, 'validation_failed', 'note');
    expectErrorAnswer(await hold(order.id, { reason: 'other', note: 'x', source: 'system' }), 400, 'validation_failed', 'source');
    expectErrorAnswer(await release(order.id, { reason: 'nope' }), 400, 'validation_failed', 'reason');

    expectErrorAnswer(await hold('ord_000000000000000000000000', { reason: 'other', note: 'x' }), 404, 'order_not_found');
    expectErrorAnswer(await release('ord_000000000000000000000000', { reason: 'other' }), 404, 'order_not_found');
    expect((await stack.store.repository.getOrThrow(order.id)).version).toBe(order.version);
  });

  it('refuses a hold while a command holds the order (409 command_in_progress), and a hold once the order has shipped', async () => {
    const order = joom[3];
    const leases = new CommandLeases(stack.store.redis);
    await leases.take(order.id, 'commands-joom/some-running-job');
    const busy = await hold(order.id, { reason: 'other', note: 'x' });
    expectErrorAnswer(busy, 409, 'command_in_progress');
    expect(busy.body.details).toEqual({ jobId: 'some-running-job', queue: 'commands-joom' });
    await leases.release(order.id, 'commands-joom/some-running-job');
    expect((await stack.store.repository.getOrThrow(order.id)).holds).toBeUndefined();

    // A repeat of a hold already there needs no lease: answered as it is, even while a command runs.
    const placed = await hold(order.id, { reason: 'other', note: 'x' }).expect(200);
    await leases.take(order.id, 'commands-joom/some-running-job');
    expect((await hold(order.id, { reason: 'other', note: 'x again' }).expect(200)).body).toEqual(placed.body);
    await leases.release(order.id, 'commands-joom/some-running-job');
    await release(order.id).expect(200);

    // The hold lets go of the lease once saved: the next command is taken.
    await hold(order.id, { reason: 'other', note: 'x' }).expect(200);
    await release(order.id).expect(200);
    const accepted = await fulfil(order.id).expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    const late = await hold(order.id, { reason: 'other', note: 'too late' });
    expectErrorAnswer(late, 409, 'not_holdable');
    expect(late.body.details).toEqual({ status: 'shipped', holdableIn: ['pending', 'on_hold', 'ready'] });
  });

  it.each([4, 5, 6, 7])('a hold racing a fulfil (order %i): either the hold is placed and nothing ships, or the fulfil runs and the hold is refused', async (index) => {
    const order = joom[index];
    const [held, fulfilled] = await Promise.all([hold(order.id, { reason: 'fraud_review', note: 'race' }), fulfil(order.id)]);
    if (fulfilled.status === 202) await waitForJob(stack, fulfilled.body.jobId);
    const stored = await stack.store.repository.getOrThrow(order.id);
    const shipped = await sideEffects(sandbox, 'joom-v3', order.externalId);
    if (held.status === 200) {
      // The fulfil was refused: it read the hold (on_hold), or met the hold's lease (command_in_progress);
      // or it read the order just before the hold was saved, and its first step refused it (HO-4).
      if (fulfilled.status === 202) expect((await waitForJob(stack, fulfilled.body.jobId)).error).toMatch(/^on_hold: /);
      else expect(['on_hold', 'command_in_progress']).toContain(fulfilled.body.code);
      expect(stored.holds).toEqual([expect.objectContaining({ reason: 'fraud_review' })]);
      expect(stored.status).toBe('ready');
      expect(shipped).toEqual({});
    } else {
      // The fulfil's lease was there first (or, had its step already finished, the order is past holding).
      expect(held.status).toBe(409);
      expect(['command_in_progress', 'not_holdable']).toContain(held.body.code);
      expect(fulfilled.status).toBe(202);
      expect(stored.holds).toBeUndefined();
      expect(stored.status).toBe('shipped');
      expect(shipped).toEqual({ fulfill: 1 });
    }
  });
});
