import { Queue } from 'bullmq';
import { mapAkinonPlan } from '@app/akinon';
import { docPlan } from '@app/akinon/testing/akinon-doc-examples';
import { CanonicalOrder, OrderStatus } from '@app/orders';
import { buildLine, buildOrder } from '@app/orders/testing';
import { MutationDecision, OrderRepository, SyncCursors } from '@app/store';
import { CancellationPlanSync } from './cancellation-plan.sync';

/** An in-memory repository: `mutate` as the real one (decide, save, answer the saved order). */
function memoryRepository(order: CanonicalOrder) {
  let stored = order;
  const history: unknown[] = [];
  const repository = {
    get: async () => stored,
    mutate: async (_id: string, decide: (current: CanonicalOrder | null) => MutationDecision) => {
      const decision = decide(stored);
      if (!decision) return stored;
      stored = { ...decision.order, version: stored.version + 1 };
      history.push(...decision.history);
      return stored;
    },
  };
  return { repository: repository as unknown as OrderRepository, current: () => stored, history };
}

function akinonOrder(status: OrderStatus, lineStatuses: OrderStatus[], atFlexport: boolean): CanonicalOrder {
  const lines = lineStatuses.map((s, i) => buildLine({ id: `ln_it-${i + 1}`, externalLineId: `it-${i + 1}`, status: s }));
  const fulfillment = atFlexport ? { provider: 'flexport' as const, providerOrderId: 'FX-1', providerStatus: 'CREATED', shipments: [] } : null;
  return { ...buildOrder({ channel: 'akinon', status, lines }), fulfillment };
}

const plan = (id: string, items: string[], status: string, planType: 'cancel' | 'refund' = 'cancel') =>
  mapAkinonPlan(docPlan({ id, order_items: items, status, plan_type: planType }));

function setUp(order: CanonicalOrder) {
  const store = memoryRepository(order);
  const added: { name: string; jobId?: string }[] = [];
  const queue = { add: async (name: string, _data: unknown, options: { jobId?: string }) => added.push({ name, jobId: options.jobId }) };
  const sync = new CancellationPlanSync(store.repository, {} as SyncCursors, queue as unknown as Queue);
  return { sync, store, added };
}

describe('CancellationPlanSync.applyPlan', () => {
  it('a plan for 1 of 3 items cancels that line; the order stays ready', async () => {
    const { sync, store, added } = setUp(akinonOrder('ready', ['ready', 'ready', 'ready'], false));
    await sync.applyPlan('o', plan('p1', ['it-3'], 'waiting'));
    expect(store.current().lines.map((l) => l.status)).toEqual(['ready', 'ready', 'cancelling']);
    expect(store.current().status).toBe('ready');
    expect(store.history).toEqual([expect.objectContaining({ kind: 'annotation', requestId: 'p1', note: expect.stringContaining('ln_it-3') })]);
    expect(added).toEqual([]);
  });

  it('a partial plan at Flexport flags partial_cancel_at_provider naming the lines and queues nothing', async () => {
    const { sync, store, added } = setUp(akinonOrder('fulfilling', ['fulfilling', 'fulfilling', 'fulfilling'], true));
    await sync.applyPlan('o', plan('p1', ['it-2'], 'waiting'));
    expect(store.current().attention).toMatchObject({ code: 'partial_cancel_at_provider', details: { providerOrderId: 'FX-1', lineIds: ['ln_it-2'] } });
    expect(store.current().status).toBe('fulfilling');
    await sync.applyPlan('o', plan('p2', ['it-1'], 'completed'));
    expect(store.current().attention?.details).toEqual({ providerOrderId: 'FX-1', lineIds: ['ln_it-1', 'ln_it-2'] });
    expect(added).toEqual([]);
  });

  it('re-reading the same partial plan changes nothing', async () => {
    const { sync, store } = setUp(akinonOrder('fulfilling', ['fulfilling', 'fulfilling'], true));
    await sync.applyPlan('o', plan('p1', ['it-2'], 'waiting'));
    const version = store.current().version;
    await sync.applyPlan('o', plan('p1', ['it-2'], 'waiting'));
    expect(store.current().version).toBe(version);
  });

  it('the plan that covers the last line cancels the Flexport order, once per plan, and clears the partial flag', async () => {
    const { sync, store, added } = setUp(akinonOrder('fulfilling', ['fulfilling', 'fulfilling'], true));
    await sync.applyPlan('o', plan('p1', ['it-1'], 'waiting'));
    await sync.applyPlan('o', plan('p2', ['it-2'], 'waiting'));
    expect(store.current().status).toBe('cancelling');
    expect(store.current().attention).toBeNull();
    expect(added).toEqual([{ name: 'flexport-cancel', jobId: expect.stringContaining('plan-p2') }]);
  });

  it('a plan for every item at Flexport cancels the Flexport order', async () => {
    const { sync, store, added } = setUp(akinonOrder('fulfilling', ['fulfilling', 'fulfilling'], true));
    await sync.applyPlan('o', plan('p1', ['it-1', 'it-2'], 'completed'));
    expect(store.current()).toMatchObject({ status: 'cancelled', cancellation: { reason: 'cancellation_plan' } });
    expect(added).toHaveLength(1);
  });

  it('a completed refund plan on a shipped order returns it, never cancels it', async () => {
    const { sync, store, added } = setUp(akinonOrder('shipped', ['shipped', 'shipped'], false));
    await sync.applyPlan('o', plan('p1', ['it-1', 'it-2'], 'completed', 'refund'));
    expect(store.current()).toMatchObject({ status: 'returned', returnOutcome: 'completed', cancellation: null });
    expect(store.history).toEqual([expect.objectContaining({ kind: 'transition', from: 'shipped', to: 'returned', cause: 'sync' })]);
    expect(added).toEqual([]);
  });

  // A plan Akinon withdraws after it completed: the lines it cancelled stay cancelled (AK-13).
  it.each(['rejected', 'cancelled', 'failed'])('a completed plan later %s restores no line it cancelled, and queues nothing', async (withdrawn) => {
    const { sync, store, added } = setUp(akinonOrder('ready', ['ready', 'ready', 'ready'], false));
    await sync.applyPlan('o', plan('p1', ['it-2'], 'completed'));
    const cancelled = store.current();
    expect(cancelled.lines.map((l) => l.status)).toEqual(['ready', 'cancelled', 'ready']);
    await sync.applyPlan('o', plan('p1', ['it-2'], withdrawn));
    expect(store.current()).toBe(cancelled);
    expect(store.history).toHaveLength(1);
    expect(added).toEqual([]);
  });

  it.each(['rejected', 'cancelled', 'failed'])('a whole-order plan at Flexport later %s leaves the order cancelled and cancels at Flexport no second time', async (withdrawn) => {
    const { sync, store, added } = setUp(akinonOrder('fulfilling', ['fulfilling', 'fulfilling'], true));
    await sync.applyPlan('o', plan('p1', ['it-1', 'it-2'], 'completed'));
    expect(added).toHaveLength(1);
    const cancelled = store.current();
    await sync.applyPlan('o', plan('p1', ['it-1', 'it-2'], withdrawn));
    expect(store.current()).toMatchObject({ status: 'cancelled', version: cancelled.version, cancellation: { reason: 'cancellation_plan' } });
    expect(store.current().lines.map((l) => l.status)).toEqual(['cancelled', 'cancelled']);
    expect(added).toHaveLength(1);
  });
});
