import { Injectable } from '@nestjs/common';
import { ChangedOrdersPage, ChannelOrder, SalesChannelAdapter } from '@app/adapters';
import { Channel } from '@app/orders';
import { OrderRouting, RoutingStats } from '@app/queues';
import { OrderIngestor, SyncCursors } from '@app/store';
import { AdapterRegistry } from '../adapters/adapter-registry';
import { CancellationPlanSync } from './cancellation-plan.sync';
import { AuditStats, MissingOrderAudit } from './missing-order-audit';

/** Orders asked for per page (the adapters cap it at what the channel allows: Joom 500, Akinon 100). */
const PAGE_SIZE = 500;
/** Pages one run reads at most; the next run (scheduled or on demand) goes on from the stored cursor. */
const MAX_PAGES_PER_RUN = 200;

export interface SyncStats {
  pages: number;
  seen: number;
  created: number;
  changed: number;
  plans?: number;
  /** Present when ROUTING_RULES_FILE is set: what routing did with the ready orders of the run. */
  routed?: RoutingStats;
  /** Present when the run caught up and then re-read a few live orders by id. */
  audit?: AuditStats;
}

/**
 * Pulls the orders a channel changed since the stored cursor and stores them
 * through the state machine (cause `sync`). The cursor advances only after
 * its page is stored, so a run killed mid-page re-reads that page and loses
 * nothing; re-applying it changes nothing.
 */
@Injectable()
export class ChannelSync {
  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly ingestor: OrderIngestor,
    private readonly cursors: SyncCursors,
    private readonly plans: CancellationPlanSync,
    private readonly audit: MissingOrderAudit,
    private readonly routing: OrderRouting,
  ) {}

  /**
   * `stopping` is asked between pages: a worker that is shutting down ends
   * the run early (its cursor is saved, the next run goes on from it) rather
   * than holding the drain for a long backlog.
   */
  async run(channel: Exclude<Channel, 'flexport'>, onPage: (stats: SyncStats) => Promise<void>, stopping: () => boolean = () => false, account?: string): Promise<SyncStats> {
    // Each account its own cursor (SyncCursors are keyed by account) and its own adapter (docs/api-decisions.md AC-3).
    const adapter = this.adapters.salesChannel(channel, account);
    const stats: SyncStats = { pages: 0, seen: 0, created: 0, changed: 0 };
    let cursor = await this.cursors.get(channel, adapter.account, 'orders');
    let caughtUp = false;
    let next = this.read(adapter, cursor);
    while (stats.pages < MAX_PAGES_PER_RUN && !caughtUp && !stopping()) {
      const page = await next;
      // The next page is read while this one is stored; its cursor is saved only after it is stored in turn.
      if (page.nextCursor) next = this.read(adapter, page.nextCursor);
      await this.store(adapter, page.orders, stats);
      cursor = page.nextCursor ?? page.resumeCursor;
      await this.cursors.set(channel, adapter.account, 'orders', cursor);
      stats.pages++;
      await onPage(stats);
      caughtUp = !page.nextCursor;
    }
    if (caughtUp) await this.cursors.markCaughtUp(channel, adapter.account);
    // Only channels whose adapter offers cancellation plans (Akinon) have them to read.
    const plans = await this.plans.run(adapter);
    if (plans !== null) stats.plans = plans;
    // Only once caught up: a backlog is the feed's job, and the audit must not slow it down.
    if (caughtUp && !stopping()) stats.audit = await this.audit.run(adapter, stopping);
    return stats;
  }

  private read(adapter: SalesChannelAdapter, cursor: string | null): Promise<ChangedOrdersPage> {
    const page = adapter.listChangedOrders(cursor, { limit: PAGE_SIZE });
    // A read ahead that the run never awaits (it stopped or failed first) must not be an unhandled rejection.
    page.catch(() => undefined);
    return page;
  }

  /**
   * A page is ingested as one batch: one read of the stored orders and one
   * save call per shard for all of it (smaller batches, even stored at once
   * to overlap the worker and Redis, measured ~10 % slower: more calls).
   */
  private async store(adapter: SalesChannelAdapter, orders: ChannelOrder[], stats: SyncStats): Promise<void> {
    const inputs = orders.map(({ externalId, snapshot, placedAt }) => ({ channel: adapter.channel, account: adapter.account, externalId, snapshot, placedAt }));
    const results = await this.ingestor.ingestMany(inputs, 'sync', `${adapter.channel}-sync`);
    stats.seen += results.length;
    stats.created += results.filter((result) => result.created).length;
    stats.changed += results.filter((result) => result.changed && !result.created).length;
    // Every order of the page, not only the changed ones: one stored but not routed before a crash is routed when the page is read again.
    if (this.routing.enabled) addStats((stats.routed ??= { fulfill: 0, hold: 0, none: 0, refused: 0 }), await this.routing.routeAll(results.map((result) => result.order)));
  }
}

function addStats(total: RoutingStats, page: RoutingStats): void {
  for (const key of Object.keys(page) as (keyof RoutingStats)[]) total[key] += page[key];
}
