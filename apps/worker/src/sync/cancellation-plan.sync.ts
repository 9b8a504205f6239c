import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { SalesChannelAdapter } from '@app/adapters';
import { AkinonAdapter, AkinonCancellationPlanView, applyAkinonPlan } from '@app/akinon';
import { CanonicalOrder, deepEqual, HistoryEntry, OrderStatus } from '@app/orders';
import { COMMAND_JOB_OPTIONS, StepJobData, stepJobId, SYSTEM_QUEUES } from '@app/queues';
import { MutationDecision, orderIdFor, OrderRepository, SyncCursors } from '@app/store';
import { attentionAfterFullCancel, planAtFlexport } from './plan-at-flexport';

const MAX_PAGES = 50;
const CANCEL_SIDE: ReadonlySet<OrderStatus> = new Set(['cancelling', 'cancelled']);

/**
 * Akinon cancellation plans are cancel (or refund) requests from the
 * marketplace for the items they name (docs/api-decisions.md AK-10): each
 * named line moves to `cancelling` / `cancelled`, or for a `refund` of a
 * shipped line to `returning` / `returned`; the order's status is the roll-up
 * of its lines (forward-only, cause `sync`). An order at Flexport gets its
 * Flexport order cancelled once every line is cancelled (a `flexport-cancel`
 * step, once per plan, whether the plan or the orders feed moved the lines);
 * a plan for some lines only flags `partial_cancel_at_provider` (AK-12).
 */
@Injectable()
export class CancellationPlanSync {
  constructor(
    private readonly orders: OrderRepository,
    private readonly cursors: SyncCursors,
    @InjectQueue(SYSTEM_QUEUES.flexport) private readonly flexport: Queue,
  ) {}

  async run(adapter: SalesChannelAdapter): Promise<number> {
    const akinon = adapter as AkinonAdapter;
    let cursor = await this.cursors.get('akinon', adapter.account, 'cancellation-plans');
    let seen = 0;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await akinon.listCancellationPlans(cursor, { limit: 100 });
      for (const plan of page.plans) {
        if (!plan.status) continue; // withdrawn or failed: cancels nothing, restores nothing (AK-13)
        seen++;
        await this.applyPlan(orderIdFor('akinon', adapter.account, plan.externalOrderId), plan);
      }
      cursor = page.nextCursor ?? page.resumeCursor;
      await this.cursors.set('akinon', adapter.account, 'cancellation-plans', cursor);
      if (!page.nextCursor) break;
    }
    return seen;
  }

  /**
   * Applies one plan to its stored order (public so a spec drives it without an Akinon server).
   * A plan that cancels nothing (rejected, cancelled, failed — withdrawn, even after it completed)
   * is not applied at all: it restores no line and asks nothing of Flexport (docs/api-decisions.md AK-13).
   */
  async applyPlan(orderId: string, plan: AkinonCancellationPlanView): Promise<CanonicalOrder | null> {
    if (!plan.status) return this.orders.get(orderId);
    let planLineIds: string[] = [];
    // `mutate` answers the order even when the plan changes nothing — the orders feed may have brought the
    // cancel first (items at 800) — so the plan still cancels at Flexport then.
    const order = await this.orders.mutate(orderId, (current) => {
      if (!current) return null;
      const decision = decide(current, plan, new Date().toISOString());
      planLineIds = decision.planLineIds;
      return decision.change;
    });
    if (order && planAtFlexport(order, planLineIds, order.updatedAt).kind === 'cancel') await this.cancelAtFlexport(order, plan.planId);
    return order;
  }

  private async cancelAtFlexport(order: CanonicalOrder, planId: string): Promise<void> {
    const chainId = `plan-${planId}`;
    const data: StepJobData = {
      intakeJobId: chainId,
      orderId: order.id,
      payload: { reason: 'customer_request' },
      requestedBy: 'akinon-cancellation-plan',
      plan: [{ system: 'flexport', step: 'flexport-cancel' }],
      index: 0,
      cause: 'sync',
    };
    await this.flexport.add('flexport-cancel', data, { ...COMMAND_JOB_OPTIONS, jobId: stepJobId(chainId, 0) });
  }
}

/** The plan's change to the stored order (null: nothing to save), and the order lines it names. */
function decide(current: CanonicalOrder, plan: AkinonCancellationPlanView, now: string): { change: MutationDecision; planLineIds: string[] } {
  const effect = applyAkinonPlan(current, plan);
  const status = effect.path.at(-1) ?? current.status;
  const note = `Akinon ${plan.planType} plan ${plan.planId} (${plan.rawStatus})`;
  const moved: CanonicalOrder = {
    ...current,
    lines: effect.lines,
    status,
    cancellation:
      current.cancellation ?? (CANCEL_SIDE.has(status) ? { reason: 'cancellation_plan', requestedBy: 'customer', note, at: now } : null),
    returnOutcome: current.returnOutcome ?? (status === 'returned' ? 'completed' : null),
  };
  const atFlexport = planAtFlexport(moved, effect.planLineIds, now);
  const attention =
    atFlexport.kind === 'flag' ? atFlexport.attention : atFlexport.kind === 'cancel' ? attentionAfterFullCancel(current.attention) : current.attention;
  const next: CanonicalOrder = { ...moved, attention, updatedAt: now };
  if (deepEqual({ ...next, updatedAt: null }, { ...current, updatedAt: null })) return { change: null, planLineIds: effect.planLineIds };

  const entry = (kind: 'transition' | 'annotation', from: OrderStatus, to: OrderStatus, text: string): Omit<HistoryEntry, 'version'> => ({
    kind, at: now, from, to, cause: 'sync', actor: 'akinon-sync', requestId: plan.planId, note: text,
  });
  const lineNote = effect.movedLineIds.length > 0 ? `${note}: lines ${effect.movedLineIds.join(', ')} moved` : note;
  const history = effect.path.map((to, i) => entry('transition', i === 0 ? current.status : effect.path[i - 1], to, lineNote));
  if (history.length === 0) history.push(entry('annotation', current.status, current.status, lineNote));
  if (attention && !deepEqual(attention, current.attention)) history.push(entry('annotation', status, status, `attention ${attention.code}: ${attention.message}`));
  return { change: { order: next, history }, planLineIds: effect.planLineIds };
}
