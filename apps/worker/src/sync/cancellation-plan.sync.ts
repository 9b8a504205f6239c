import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { CancellationPlan, CancellationPlanFeed, SalesChannelAdapter } from '@app/adapters';
import { CanonicalOrder, deepEqual, HistoryEntry, OrderStatus } from '@app/orders';
import { enqueue, StepJobData, stepJobId, SYSTEM_QUEUES } from '@app/queues';
import { MutationDecision, orderIdFor, OrderRepository, SyncCursors } from '@app/store';
import { attentionAfterFullCancel, planAtFlexport } from './plan-at-flexport';

const MAX_PAGES = 50;
const CANCEL_SIDE: ReadonlySet<OrderStatus> = new Set(['cancelling', 'cancelled']);

/**
 * Cancellation plans (the port's optional `cancellationPlans`, offered by
 * Akinon only) are cancel (or refund) requests from the marketplace for the
 * items they name (docs/api-decisions.md AK-10): each
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

  /** The plans seen (null: the channel offers none, nothing was read). */
  async run(adapter: SalesChannelAdapter): Promise<number | null> {
    const feed = adapter.cancellationPlans;
    if (!feed) return null;
    const { channel, account } = adapter;
    let cursor = await this.cursors.get(channel, account, 'cancellation-plans');
    let seen = 0;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await feed.list(cursor, { limit: 100 });
      for (const plan of page.plans) {
        if (!plan.status) continue; // withdrawn or failed: cancels nothing, restores nothing (AK-13)
        seen++;
        await this.applyPlan({ channel, feed }, orderIdFor(channel, account, plan.externalOrderId), plan);
      }
      cursor = page.nextCursor ?? page.resumeCursor;
      await this.cursors.set(channel, account, 'cancellation-plans', cursor);
      if (!page.nextCursor) break;
    }
    return seen;
  }

  /**
   * Applies one plan to its stored order (public so a spec drives it without a channel server).
   * A plan that cancels nothing (rejected, cancelled, failed — withdrawn, even after it completed)
   * is not applied at all: it restores no line and asks nothing of Flexport (docs/api-decisions.md AK-13).
   */
  async applyPlan(source: PlanSource, orderId: string, plan: CancellationPlan): Promise<CanonicalOrder | null> {
    if (!plan.status) return this.orders.get(orderId);
    let planLineIds: string[] = [];
    // `mutate` answers the order even when the plan changes nothing — the orders feed may have brought the
    // cancel first (items at 800) — so the plan still cancels at Flexport then.
    const order = await this.orders.mutate(orderId, (current) => {
      if (!current) return null;
      const decision = decide(source, current, plan, new Date().toISOString());
      planLineIds = decision.planLineIds;
      return decision.change;
    });
    if (order && planAtFlexport(order, planLineIds, order.updatedAt).kind === 'cancel') await this.cancelAtFlexport(source.channel, order, plan.planId);
    return order;
  }

  private async cancelAtFlexport(channel: SalesChannelAdapter['channel'], order: CanonicalOrder, planId: string): Promise<void> {
    const chainId = `plan-${planId}`;
    const data: StepJobData = {
      chainId,
      command: 'cancel',
      orderId: order.id,
      payload: { reason: 'customer_request' },
      requestedBy: `${channel}-cancellation-plan`,
      plan: [{ system: 'flexport', step: 'flexport-cancel' }],
      index: 0,
      cause: 'sync',
    };
    await enqueue(this.flexport, 'flexport-cancel', data, { jobId: stepJobId(chainId, 0) });
  }
}

/** Where plans come from: the channel (for ids and history) and its feed (for the plan's effect). */
export interface PlanSource {
  channel: SalesChannelAdapter['channel'];
  feed: Pick<CancellationPlanFeed, 'effect'>;
}

/** The plan's change to the stored order (null: nothing to save), and the order lines it names. */
function decide({ channel, feed }: PlanSource, current: CanonicalOrder, plan: CancellationPlan, now: string): { change: MutationDecision; planLineIds: string[] } {
  const effect = feed.effect(current, plan);
  const status = effect.path.at(-1) ?? current.status;
  const note = `${channel} ${plan.planType} plan ${plan.planId} (${plan.rawStatus})`;
  const moved: CanonicalOrder = {
    ...current,
    lines: effect.lines,
    status,
    cancellation: current.cancellation ?? (CANCEL_SIDE.has(status) ? { reason: 'cancellation_plan', requestedBy: 'customer', note, at: now } : null),
    returnOutcome: current.returnOutcome ?? (status === 'returned' ? 'completed' : null),
  };
  const atFlexport = planAtFlexport(moved, effect.planLineIds, now);
  const attention = atFlexport.kind === 'flag' ? atFlexport.attention : atFlexport.kind === 'cancel' ? attentionAfterFullCancel(current.attention) : current.attention;
  const next: CanonicalOrder = { ...moved, attention, updatedAt: now };
  if (deepEqual({ ...next, updatedAt: null }, { ...current, updatedAt: null })) return { change: null, planLineIds: effect.planLineIds };

  const entry = (kind: 'transition' | 'annotation', from: OrderStatus, to: OrderStatus, text: string): Omit<HistoryEntry, 'version'> => ({
    kind,
    at: now,
    from,
    to,
    cause: 'sync',
    actor: `${channel}-sync`,
    requestId: plan.planId,
    note: text,
  });
  const lineNote = effect.movedLineIds.length > 0 ? `${note}: lines ${effect.movedLineIds.join(', ')} moved` : note;
  const history = effect.path.map((to, i) => entry('transition', i === 0 ? current.status : effect.path[i - 1], to, lineNote));
  if (history.length === 0) history.push(entry('annotation', current.status, current.status, lineNote));
  if (attention && !deepEqual(attention, current.attention)) history.push(entry('annotation', status, status, `attention ${attention.code}: ${attention.message}`));
  return { change: { order: next, history }, planLineIds: effect.planLineIds };
}
