import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { SalesChannelAdapter } from '@app/adapters';
import { AkinonAdapter } from '@app/akinon';
import { applyTransition, CanonicalOrder, forwardPath, OrderStatus } from '@app/orders';
import { COMMAND_JOB_OPTIONS, StepJobData, stepJobId, SYSTEM_QUEUES } from '@app/queues';
import { orderIdFor, OrderRepository, SyncCursors } from '@app/store';
import { isLiveAtFlexport } from '../commands/command-plan';

const MAX_PAGES = 50;
/** Where a plan leaves an order; one that had already shipped keeps its Flexport order. */
const CANCELLED_BY_PLAN: ReadonlySet<OrderStatus> = new Set(['cancelling', 'cancelled']);

/**
 * Akinon cancellation plans are cancel requests from the marketplace: a
 * waiting plan moves the order to `cancelling`, a completed one to
 * `cancelled` (forward-only, cause `sync`). An order routed to Flexport gets
 * its Flexport order cancelled too (a `flexport-cancel` step, once per plan,
 * whether the plan or the orders feed moved the order).
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
        if (!plan.status) continue;
        seen++;
        const orderId = orderIdFor('akinon', adapter.account, plan.externalOrderId);
        // `apply` answers the order even when the plan moves nothing — the orders feed may have brought the
        // cancel first (items at 800) — so the plan still cancels at Flexport then.
        const order = await this.apply(orderId, plan.status, plan.planId);
        if (order && CANCELLED_BY_PLAN.has(order.status) && isLiveAtFlexport(order)) await this.cancelAtFlexport(order, plan.planId);
      }
      cursor = page.nextCursor ?? page.resumeCursor;
      await this.cursors.set('akinon', adapter.account, 'cancellation-plans', cursor);
      if (!page.nextCursor) break;
    }
    return seen;
  }

  private async apply(orderId: string, target: 'cancelling' | 'cancelled', planId: string): Promise<CanonicalOrder | null> {
    return this.orders.mutate(orderId, (current) => {
      const path = current ? forwardPath(current.status, target) : null;
      if (!current || !path || path.length === 0) return null;
      const now = new Date().toISOString();
      const moved = path.reduce((order, to) => applyTransition(order, to, now), current);
      const cancellation = current.cancellation ?? { reason: 'cancellation_plan', requestedBy: 'customer' as const, note: `Akinon cancellation plan ${planId}`, at: now };
      return {
        order: { ...moved, cancellation },
        history: path.map((to, i) => ({
          kind: 'transition' as const,
          at: now,
          from: i === 0 ? current.status : path[i - 1],
          to,
          cause: 'sync' as const,
          actor: 'akinon-sync',
          requestId: planId,
          note: `Akinon cancellation plan ${planId}`,
        })),
      };
    });
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
