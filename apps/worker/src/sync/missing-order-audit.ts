import { Injectable } from '@nestjs/common';
import { RemoteNotFoundError, SalesChannelAdapter } from '@app/adapters';
import { CanonicalOrder, OrderStatus, TERMINAL_STATUSES } from '@app/orders';
import { OrderIngestor, OrderListing, OrderRepository, SyncCursors } from '@app/store';

/** Remote reads one audit spends at most (a page may hold fewer live orders than this). */
const AUDIT_PAGE = 20;
/** Stored orders one audit looks at, live or not, so a channel of mostly finished orders still ends the run. */
const AUDIT_SCAN_LIMIT = 400;
/** Orders that can no longer change at the channel in a way the gateway acts on. */
const SETTLED: ReadonlySet<OrderStatus> = new Set([...TERMINAL_STATUSES, 'delivered']);

export interface AuditStats {
  checked: number;
  missing: number;
}

/**
 * A "changed since" feed never reports an order that vanished, so each sync
 * run also re-reads a few live orders by id, walking the channel's orders in
 * a circle (its position is a durable cursor, `audit`). An order the channel
 * no longer knows is flagged `remote_missing`; one it still knows is
 * ingested again, which also repairs an update the feed may have missed.
 * The audit is best effort: a transient failure ends it and the next run
 * resumes where it stopped.
 */
@Injectable()
export class MissingOrderAudit {
  constructor(
    private readonly listing: OrderListing,
    private readonly orders: OrderRepository,
    private readonly ingestor: OrderIngestor,
    private readonly cursors: SyncCursors,
  ) {}

  /** `stopping`: the worker is shutting down; the audit ends at the next order. */
  async run(adapter: SalesChannelAdapter, stopping: () => boolean = () => false): Promise<AuditStats> {
    const stats: AuditStats = { checked: 0, missing: 0 };
    let cursor = await this.cursors.get(adapter.channel, adapter.account, 'audit');
    let scanned = 0;
    while (stats.checked < AUDIT_PAGE && scanned < AUDIT_SCAN_LIMIT) {
      const page = await this.listing.list({ channel: adapter.channel, limit: AUDIT_PAGE, cursor: cursor || undefined });
      scanned += page.items.length;
      const live = page.items.filter((order) => order.account === adapter.account && !SETTLED.has(order.status));
      for (const order of live) {
        if (stopping() || !(await this.check(adapter, order, stats))) return stats;
      }
      // Saved after the whole page: a run stopped mid-page re-checks it, which is harmless.
      cursor = page.nextCursor;
      await this.cursors.set(adapter.channel, adapter.account, 'audit', cursor ?? '');
      if (!cursor) break;
    }
    return stats;
  }

  /** False when the channel could not answer; the audit stops there. */
  private async check(adapter: SalesChannelAdapter, order: CanonicalOrder, stats: AuditStats): Promise<boolean> {
    try {
      const remote = await adapter.getOrder(order.externalId);
      stats.checked++;
      await this.ingestor.ingest({ channel: adapter.channel, account: adapter.account, ...remote }, 'sync', `${adapter.channel}-audit`);
      return true;
    } catch (error) {
      if (!(error instanceof RemoteNotFoundError)) return false;
      stats.checked++;
      stats.missing++;
      await this.flagMissing(order, adapter.channel);
      return true;
    }
  }

  private async flagMissing(order: CanonicalOrder, channel: string): Promise<void> {
    await this.orders.mutate(order.id, (current) => {
      if (!current || current.attention?.code === 'remote_missing') return null;
      const now = new Date().toISOString();
      const message = `${channel} no longer has order ${current.externalId}`;
      return {
        order: { ...current, attention: { code: 'remote_missing', message, since: now }, updatedAt: now },
        history: [{ kind: 'annotation', at: now, from: current.status, to: current.status, cause: 'sync', actor: `${channel}-audit`, requestId: null, note: `attention remote_missing: ${message}` }],
      };
    });
  }
}
