import { Injectable, Logger } from '@nestjs/common';
import { RemoteNotFoundError, RemoteTransientError, SalesChannelAdapter } from '@app/adapters';
import { annotation, CanonicalOrder, OrderStatus, TERMINAL_STATUSES } from '@app/orders';
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
 * ingested again, which also repairs an update the feed may have missed,
 * and loses its `remote_missing` flag if it had one. The audit is best
 * effort: a transient failure ends it and the next run resumes where it
 * stopped.
 */
@Injectable()
export class MissingOrderAudit {
  private readonly logger = new Logger(MissingOrderAudit.name);

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

  /**
   * False when the channel is unavailable (5xx, 429, timeout): the audit stops
   * and the next run resumes at this page. Any other failure is this order's
   * alone: logged and skipped, so one odd order never stops the audit.
   */
  private async check(adapter: SalesChannelAdapter, order: CanonicalOrder, stats: AuditStats): Promise<boolean> {
    try {
      const remote = await adapter.getOrder(order.externalId, order.externalNumber);
      stats.checked++;
      await this.ingestor.ingest({ channel: adapter.channel, account: adapter.account, ...remote }, 'sync', `${adapter.channel}-audit`);
      if (order.attention?.code === 'remote_missing') await this.clearMissing(order, adapter.channel);
    } catch (error) {
      if (error instanceof RemoteTransientError) return false;
      stats.checked++;
      if (error instanceof RemoteNotFoundError) {
        stats.missing++;
        await this.flagMissing(order, adapter.channel);
      } else {
        this.logger.warn(`audit skipped ${adapter.channel} order ${order.id}: ${(error as Error).message}`);
      }
    }
    return true;
  }

  /** Flags a vanished order, unless it already waits for a human for another reason (that one is kept). */
  private async flagMissing(order: CanonicalOrder, channel: string): Promise<void> {
    await this.orders.mutate(order.id, (current) => {
      if (!current || current.attention) return null;
      const now = new Date().toISOString();
      const message = `${channel} no longer has order ${current.externalId}`;
      return {
        order: { ...current, attention: { code: 'remote_missing', message, since: now }, updatedAt: now },
        history: [annotation(current, { at: now, cause: 'sync', actor: `${channel}-audit`, note: `attention remote_missing: ${message}` })],
      };
    });
  }

  /** The channel answers for the order again (a 404 in passing): the flag goes. */
  private async clearMissing(order: CanonicalOrder, channel: string): Promise<void> {
    await this.orders.mutate(order.id, (current) => {
      if (current?.attention?.code !== 'remote_missing') return null;
      const now = new Date().toISOString();
      return {
        order: { ...current, attention: null, updatedAt: now },
        history: [annotation(current, { at: now, cause: 'sync', actor: `${channel}-audit`, note: `${channel} has order ${current.externalId} again` })],
      };
    });
  }
}
