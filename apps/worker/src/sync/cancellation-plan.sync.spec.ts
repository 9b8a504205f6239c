import { Queue } from 'bullmq';
import { CancellationPlan, CancellationPlansPage, SalesChannelAdapter } from '@app/adapters';
import { applyAkinonPlan, mapAkinonPlan } from '@app/akinon';
import { docPlan } from '@app/akinon/testing/akinon-doc-examples';
import { CanonicalOrder, OrderStatus } from '@app/orders';
import { buildLine, buildOrder } from '@app/orders/testing';
import { MutationDecision, orderIdFor, OrderRepository, SyncCursors } from '@app/store';
import { CancellationPlanSync, PlanSource } from './cancellation-plan.sync';

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

const plan = (id: string, items: string[], status: string, planType: 'cancel' | 'refund' = 'cancel') => mapAkinonPlan(docPlan({ id, order_items: items, status, plan_type: planType }));

/** Akinon's rule for what a plan does, as its adapter offers it on the port. */
const akinon: PlanSource = { channel: 'akinon', feed: { effect: applyAkinonPlan } };

function setUp(order: CanonicalOrder, cursors = {} as SyncCursors) {
  const store = memoryRepository(order);
  const added: { name: string; jobId?: string; requestedBy?: string }[] = [];
  const queue = {
    add: async (name: string, data: { requestedBy?: string }, options: { jobId?: string }) => added.push({ name, jobId: options.jobId, requestedBy: data.requestedBy }),
  };
  const sync = new CancellationPlanSync(store.repository, cursors, queue as unknown as Queue);
  return { sync, store, added, apply: (planned: CancellationPlan) => sync.applyPlan(akinon, 'o', planned) };
}

/** Cursors in memory, keyed as the real ones (channel, account, feed). */
function memoryCursors() {
  const saved = new Map<string, string>();
  const cursors = {
    get: async (channel: string, account: string, feed: string) => saved.get(`${channel}/${account}/${feed}`) ?? null,
    set: async (channel: string, account: string, feed: string, cursor: string) => void saved.set(`${channel}/${account}/${feed}`, cursor),
  };
  return { cursors: cursors as unknown as SyncCursors, saved };
}

describe("CancellationPlanSync.run (the port's optional cancellationPlans)", () => {
  it('reads nothing for a channel whose adapter offers no plans (Joom)', async () => {
    const { cursors, saved } = memoryCursors();
    const get = jest.spyOn(cursors, 'get');
    const { sync } = setUp(buildOrder({ channel: 'joom' }), cursors);
    const joom = { channel: 'joom', account: 'main' } as SalesChannelAdapter;
    expect(await sync.run(joom)).toBeNull();
    expect(get).not.toHaveBeenCalled();
    expect(saved.size).toBe(0);
  });

  it("pages the feed from the stored cursor, applies each plan with the channel's rule to the order it names, and stores the cursor", async () => {
    const order = { ...akinonOrder('ready', ['ready', 'ready'], false), id: orderIdFor('akinon', 'main', 'ak-1'), externalId: 'ak-1' };
    const { cursors, saved } = memoryCursors();
    saved.set('akinon/main/cancellation-plans', 'c0');
    const { sync, store } = setUp(order, cursors);
    const pages: Record<string, CancellationPlansPage> = {
      c0: { plans: [{ ...plan('p1', ['it-1'], 'waiting'), externalOrderId: 'ak-1' }], nextCursor: 'c1', resumeCursor: 'r' },
      c1: {
        plans: [
          { ...plan('p2', ['it-2'], 'rejected'), externalOrderId: 'ak-1' },
          { ...plan('p3', ['it-2'], 'completed'), externalOrderId: 'ak-1' },
        ],
        nextCursor: null,
        resumeCursor: 'r1',
      },
    };
    const list = jest.fn(async (cursor: string | null) => pages[cursor ?? 'none']);
    const effect = jest.fn(applyAkinonPlan);
    const adapter = { channel: 'akinon', account: 'main', cancellationPlans: { list, effect } } as unknown as SalesChannelAdapter;

    expect(await sync.run(adapter)).toBe(2);
    expect(list.mock.calls.map(([cursor]) => cursor)).toEqual(['c0', 'c1']);
    // The rejected plan (status null) cancels nothing and is not applied.
    expect(effect.mock.calls.map(([, applied]) => applied.planId)).toEqual(['p1', 'p3']);
    expect(store.current().lines.map((l) => l.status)).toEqual(['cancelling', 'cancelled']);
    expect(store.history).toContainEqual(expect.objectContaining({ actor: 'akinon-sync', requestId: 'p3' }));
    expect(saved.get('akinon/main/cancellation-plans')).toBe('r1');
  });
});

describe('CancellationPlanSync.applyPlan', () => {
  it('a plan for 1 of 3 items cancels that line; the order stays ready', async () => {
    const { apply, store, added } = setUp(akinonOrder('ready', ['ready', 'ready', 'ready'], false));
    await apply(plan('p1', ['it-3'], 'waiting'));
    expect(store.current().lines.map((l) => l.status)).toEqual(['ready', 'ready', 'cancelling']);
    expect(store.current().status).toBe('ready');
    expect(store.history).toEqual([expect.objectContaining({ kind: 'annotation', requestId: 'p1', note: expect.stringContaining('ln_it-3') })]);
    expect(added).toEqual([]);
  });

  it('a partial plan at Flexport flags partial_cancel_at_provider naming the lines and queues nothing', async () => {
    const { apply, store, added } = setUp(akinonOrder('fulfilling', ['fulfilling', 'fulfilling', 'fulfilling'], true));
    await apply(plan('p1', ['it-2'], 'waiting'));
    expect(store.current().attention).toMatchObject({ code: 'partial_cancel_at_provider', details: { providerOrderId: 'FX-1', lineIds: ['ln_it-2'] } });
    expect(store.current().status).toBe('fulfilling');
    await apply(plan('p2', ['it-1'], 'completed'));
    expect(store.current().attention?.details).toEqual({ providerOrderId: 'FX-1', lineIds: ['ln_it-1', 'ln_it-2'] });
    expect(added).toEqual([]);
  });

  it('re-reading the same partial plan changes nothing', async () => {
    const { apply, store } = setUp(akinonOrder('fulfilling', ['fulfilling', 'fulfilling'], true));
    await apply(plan('p1', ['it-2'], 'waiting'));
    const version = store.current().version;
    await apply(plan('p1', ['it-2'], 'waiting'));
    expect(store.current().version).toBe(version);
  });

  it('the plan that covers the last line cancels the Flexport order, once per plan, and clears the partial flag', async () => {
    const { apply, store, added } = setUp(akinonOrder('fulfilling', ['fulfilling', 'fulfilling'], true));
    await apply(plan('p1', ['it-1'], 'waiting'));
    await apply(plan('p2', ['it-2'], 'waiting'));
    expect(store.current().status).toBe('cancelling');
    expect(store.current().attention).toBeNull();
    expect(added).toEqual([{ name: 'flexport-cancel', jobId: expect.stringContaining('plan-p2'), requestedBy: 'akinon-cancellation-plan' }]);
  });

  it('a plan for every item at Flexport cancels the Flexport order', async () => {
    const { apply, store, added } = setUp(akinonOrder('fulfilling', ['fulfilling', 'fulfilling'], true));
    await apply(plan('p1', ['it-1', 'it-2'], 'completed'));
    expect(store.current()).toMatchObject({ status: 'cancelled', cancellation: { reason: 'cancellation_plan' } });
    expect(added).toHaveLength(1);
  });

  it('a completed refund plan on a shipped order returns it, never cancels it', async () => {
    const { apply, store, added } = setUp(akinonOrder('shipped', ['shipped', 'shipped'], false));
    await apply(plan('p1', ['it-1', 'it-2'], 'completed', 'refund'));
    expect(store.current()).toMatchObject({ status: 'returned', returnOutcome: 'completed', cancellation: null });
    expect(store.history).toEqual([expect.objectContaining({ kind: 'transition', from: 'shipped', to: 'returned', cause: 'sync' })]);
    expect(added).toEqual([]);
  });

  // A plan Akinon withdraws after it completed: the lines it cancelled stay cancelled (AK-13).
  it.each(['rejected', 'cancelled', 'failed'])('a completed plan later %s restores no line it cancelled, and queues nothing', async (withdrawn) => {
    const { sync, store, added } = setUp(akinonOrder('ready', ['ready', 'ready', 'ready'], false));
    await sync.applyPlan(akinon, 'o', plan('p1', ['it-2'], 'completed'));
    const cancelled = store.current();
    expect(cancelled.lines.map((l) => l.status)).toEqual(['ready', 'cancelled', 'ready']);
    await sync.applyPlan(akinon, 'o', plan('p1', ['it-2'], withdrawn));
    expect(store.current()).toBe(cancelled);
    expect(store.history).toHaveLength(1);
    expect(added).toEqual([]);
  });

  it.each(['rejected', 'cancelled', 'failed'])('a whole-order plan at Flexport later %s leaves the order cancelled and cancels at Flexport no second time', async (withdrawn) => {
    const { sync, store, added } = setUp(akinonOrder('fulfilling', ['fulfilling', 'fulfilling'], true));
    await sync.applyPlan(akinon, 'o', plan('p1', ['it-1', 'it-2'], 'completed'));
    expect(added).toHaveLength(1);
    const cancelled = store.current();
    await sync.applyPlan(akinon, 'o', plan('p1', ['it-1', 'it-2'], withdrawn));
    expect(store.current()).toMatchObject({ status: 'cancelled', version: cancelled.version, cancellation: { reason: 'cancellation_plan' } });
    expect(store.current().lines.map((l) => l.status)).toEqual(['cancelled', 'cancelled']);
    expect(added).toHaveLength(1);
  });
});
