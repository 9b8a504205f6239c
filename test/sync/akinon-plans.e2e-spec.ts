import { CanonicalOrder } from '@app/orders';
import { orderIdFor } from '@app/store';
import { auth } from '../support/api-fixture';
import { GatewayStack, sideEffects, startGateway, waitForJob } from '../support/gateway-stack';
import { observeSandbox } from '../support/sandbox-observer';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
interface Made {
  order: { id: string };
  items: { id: string }[];
}

/**
 * Akinon cancellation plans act on the items they name (docs/api-decisions.md
 * AK-10..AK-12): the sandbox over HTTP, real Redis, api and worker; effects
 * counted in the sandbox's ledger and call log.
 */
describe('Akinon cancellation plans, per line', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  const flexportCalls = observeSandbox(() => sandbox, 'flexport');

  beforeAll(async () => {
    await flushRedis();
    // Pages in a new order on every request: the plans and orders feeds must not depend on the listing order (AK-5).
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '5', SANDBOX_AKINON_LIST_ORDER: 'shuffled' });
    stack = await startGateway(sandbox);
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  const akinon = <T>(action: string, params: object) => sandbox.control<{ result: T }>('POST', `/akinon/actions/${action}`, params).then((body) => body.result);
  const gatewayId = (made: Made) => orderIdFor('akinon', 'main', made.order.id);
  const lineOf = (itemId: string) => `ln_${itemId}`;

  /** Asks for Akinon syncs until the stored order matches (a run may read the plan before or after the items), at most 15 runs. */
  async function syncUntil(id: string, done: (order: CanonicalOrder) => boolean): Promise<CanonicalOrder> {
    let last: CanonicalOrder | null = null;
    for (let run = 0; run < 15; run++) {
      await stack.http.post('/v1/channels/akinon/sync').set(auth).expect(202);
      for (let waited = 0; waited < 2_000; waited += 100) {
        last = await stack.store.repository.get(id);
        if (last && done(last)) return last;
        await sleep(100);
      }
    }
    throw new Error(`order ${id} never matched; last: ${JSON.stringify(last)}`);
  }

  /** One more sync after the goal, so a late effect (a second cancel, a regression flag) would show. */
  async function oneMoreSync(): Promise<void> {
    await stack.http.post('/v1/channels/akinon/sync').set(auth).expect(202);
    await sleep(1_500);
  }

  it('a plan for 1 of 3 items cancels that line only; the order stays ready', async () => {
    const made = await akinon<Made>('create-order', { status: 200, itemCount: 3 });
    const id = gatewayId(made);
    await syncUntil(id, (o) => o.lines.length === 3 && o.status === 'ready');
    const [, middle] = made.items;

    const plan = await akinon<{ id: string }>('create-cancellation-plan', { orderId: made.order.id, itemIds: [middle.id], status: 'waiting' });
    const waiting = await syncUntil(id, (o) => o.lines.some((l) => l.id === lineOf(middle.id) && l.status === 'cancelling'));
    // One line waiting for its cancel does not make the order `cancelling` (AK-10): the other two can still ship.
    expect(waiting.status).toBe('ready');
    await akinon('set-cancellation-plan-status', { planId: plan.id, status: 'completed' });
    const after = await syncUntil(id, (o) => o.lines.some((l) => l.id === lineOf(middle.id) && l.status === 'cancelled'));
    await oneMoreSync();
    const settled = await stack.store.repository.getOrThrow(id);
    expect(settled.status).toBe('ready');
    // Lines come in the order the items were listed (shuffled here): compare them by id.
    const byId = (rows: string[][]) => [...rows].sort((a, b) => a[0].localeCompare(b[0]));
    expect(byId(settled.lines.map((l) => [l.id, l.status]))).toEqual(byId(made.items.map((item) => [lineOf(item.id), item === middle ? 'cancelled' : 'ready'])));
    expect(settled.attention).toBeNull();
    expect(after.cancellation).toBeNull();
    // The gateway asked nothing of Akinon (no reject) nor of Flexport.
    expect(await sideEffects(sandbox, 'akinon', made.order.id)).toEqual({});
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({});
  });

  it('a completed plan Akinon later withdraws restores no line: the cancelled line stays cancelled, and an item reported open again is flagged', async () => {
    const made = await akinon<Made>('create-order', { status: 200, itemCount: 3 });
    const id = gatewayId(made);
    await syncUntil(id, (o) => o.lines.length === 3 && o.status === 'ready');
    const [first] = made.items;
    const plan = await akinon<{ id: string }>('create-cancellation-plan', { orderId: made.order.id, itemIds: [first.id], status: 'completed' });
    const cancelled = await syncUntil(id, (o) => o.lines.some((l) => l.id === lineOf(first.id) && l.status === 'cancelled'));

    // Withdrawn (docs/api-decisions.md AK-13), and the item shown open again: the worst a deployment could answer.
    await akinon('set-cancellation-plan-status', { planId: plan.id, status: 'rejected' });
    await akinon('set-item-status', { itemId: first.id, status: 200 });
    const flagged = await syncUntil(id, (o) => o.attention?.code === 'status_regressed');
    await oneMoreSync();
    const settled = await stack.store.repository.getOrThrow(id);
    expect(flagged.attention?.details).toMatchObject({ lineId: lineOf(first.id), from: 'cancelled', to: 'ready' });
    expect(settled.lines.find((l) => l.id === lineOf(first.id))?.status).toBe('cancelled');
    expect(settled.status).toBe('ready');
    // No move since the line was cancelled: only the flag was added.
    expect((await stack.store.repository.history(id)).filter((entry) => entry.kind === 'transition' && entry.version > cancelled.version)).toEqual([]);
    expect(await sideEffects(sandbox, 'akinon', made.order.id)).toEqual({});
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({});
  });

  it('a refund plan on a shipped order goes to returning, then returned, never cancelled', async () => {
    const made = await akinon<Made>('create-order', { status: 500, itemCount: 2 });
    const id = gatewayId(made);
    await syncUntil(id, (o) => o.status === 'shipped');
    const itemIds = made.items.map((item) => item.id);

    const plan = await akinon<{ id: string }>('create-cancellation-plan', { orderId: made.order.id, itemIds, planType: 'refund', status: 'waiting' });
    await syncUntil(id, (o) => o.status === 'returning');
    await akinon('set-cancellation-plan-status', { planId: plan.id, status: 'completed' });
    await syncUntil(id, (o) => o.status === 'returned');
    await oneMoreSync();

    const settled = await stack.store.repository.getOrThrow(id);
    expect(settled).toMatchObject({ status: 'returned', returnOutcome: 'completed', cancellation: null, attention: null });
    expect(settled.lines.map((l) => l.status)).toEqual(['returned', 'returned']);
    const moves = (await stack.store.repository.history(id)).filter((entry) => entry.kind === 'transition').map((entry) => entry.to);
    // Created shipped; then the returns side only.
    expect(moves).toEqual(['returning', 'returned']);
    // A refund is the marketplace's: the gateway sent nothing to Akinon nor to Flexport.
    expect(await sideEffects(sandbox, 'akinon', made.order.id)).toEqual({});
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({});
  });

  it('a plan for some lines of a Flexport order flags partial_cancel_at_provider and cancels nothing there; the plan for the rest cancels it once', async () => {
    const made = await akinon<Made>('create-order', { status: 200, itemCount: 3 });
    const id = gatewayId(made);
    await syncUntil(id, (o) => o.status === 'ready' && o.lines.length === 3);
    const accepted = await stack.http.post(`/v1/orders/${id}/fulfill`).set(auth).send({ mode: 'flexport' }).expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({ flexport_order_created: 1 });
    const since = await flexportCalls.lastSeq();
    const [first, ...rest] = made.items;

    await akinon('create-cancellation-plan', { orderId: made.order.id, itemIds: [first.id], status: 'waiting' });
    const flagged = await syncUntil(id, (o) => o.attention?.code === 'partial_cancel_at_provider');
    expect(flagged.status).toBe('fulfilling');
    expect(flagged.attention?.details).toEqual(expect.objectContaining({ lineIds: [lineOf(first.id)] }));
    await oneMoreSync();
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({ flexport_order_created: 1 });
    expect((await flexportCalls.calls(since)).filter((call) => call.method !== 'GET')).toEqual([]);
    expect((await stack.store.repository.getOrThrow(id)).attention?.code).toBe('partial_cancel_at_provider');

    await akinon('create-cancellation-plan', { orderId: made.order.id, itemIds: rest.map((item) => item.id), status: 'waiting' });
    const cancelled = await syncUntil(id, (o) => o.status === 'cancelling' && o.fulfillment?.providerStatus === 'CANCELLED');
    expect(cancelled.attention).toBeNull();
    await oneMoreSync();
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({ flexport_order_created: 1, flexport_order_cancelled: 1 });
  });
});
