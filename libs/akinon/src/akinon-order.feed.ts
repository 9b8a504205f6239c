import { ChangedOrdersPage } from '@app/adapters';
import { AkinonCountryOptions } from './akinon-address.mapper';
import { AkinonOrderReader } from './akinon-order.reader';
import { AkinonCancellationPlanView, mapAkinonPlan } from './akinon-plan.mapper';
import { AkinonClient, AkinonQuery } from './akinon.client';
import { decodeCursor, encodeCursor, OrdersCursor, PlansCursor } from './akinon.cursor';
import { mapAkinonOrder } from './akinon.mapper';
import { AkinonCancellationPlan, AkinonOrder } from './akinon.types';

/** DRF's `max_page_size` on Akinon; a larger `limit` would be capped silently and break our page maths. */
export const AKINON_MAX_PAGE_SIZE = 100;

export interface AkinonFeedOptions {
  /** Orders per page (each costs up to two more reads, see AkinonOrderReader). */
  pageSize: number;
  /**
   * How far before the run's start (server clock) the next run re-reads:
   * covers clock skew between the web and database tiers and transactions
   * committed after our read with an earlier `updated_at`.
   */
  resumeOverlapMs: number;
  country: AkinonCountryOptions;
}

export interface CancellationPlansPage {
  plans: AkinonCancellationPlanView[];
  nextCursor: string | null;
  /** Re-reads the last page next time: new plans append there, so none is missed. */
  resumeCursor: string;
}

/**
 * Paging over `orders/` and `cancellation-plans/`. The cursor keeps the
 * query and the page number, never a URL: the next page is always built on
 * the configured host, so a `next` link pointing elsewhere is never followed
 * with our token (it is read only as "there is more").
 */
export class AkinonOrderFeed {
  constructor(
    private readonly client: AkinonClient,
    private readonly reader: AkinonOrderReader,
    private readonly options: AkinonFeedOptions,
  ) {}

  /** One page: 1 `orders/` read + N item reads + ≤ N address reads (N = page size). */
  async changedOrders(cursor: string | null, options: { since?: string; limit?: number } = {}): Promise<ChangedOrdersPage> {
    const state: OrdersCursor = cursor
      ? decodeCursor(cursor, 'orders')
      : { k: 'orders', since: options.since ?? null, page: 1, limit: this.limit(options.limit), runStart: null };
    // Creation order: an update does not move an order, so page numbers stay stable during a run.
    const query: AkinonQuery = { ordering: 'created_at', limit: state.limit, page: state.page };
    if (state.since) query.updated_at__gte = state.since;
    const answer = await this.client.list<AkinonOrder>('orders/', query);
    const runStart = state.runStart ?? answer?.serverTime ?? new Date().toISOString();
    const resumeCursor = encodeCursor({ k: 'orders', since: this.resumeSince(state.since, runStart), page: 1, limit: state.limit, runStart: null });
    if (!answer) return { orders: [], nextCursor: null, resumeCursor };

    const bundles = await this.reader.complete(answer.data.results);
    const orders = bundles.map((bundle) => mapAkinonOrder(bundle, this.options.country));
    const more = answer.data.next !== null && answer.data.results.length > 0;
    const nextCursor = more ? encodeCursor({ ...state, page: state.page + 1, runStart }) : null;
    return { orders, nextCursor, resumeCursor };
  }

  /** One page of cancellation plans (one read), optionally of one order (`order=<uuid>`). */
  async cancellationPlans(cursor: string | null, options: { limit?: number; externalOrderId?: string } = {}): Promise<CancellationPlansPage> {
    const state: PlansCursor = cursor
      ? decodeCursor(cursor, 'plans')
      : { k: 'plans', page: 1, limit: this.limit(options.limit), order: options.externalOrderId ?? null };
    const query: AkinonQuery = { limit: state.limit, page: state.page };
    if (state.order) query.order = state.order;
    const answer = await this.client.list<AkinonCancellationPlan>('cancellation-plans/', query);
    if (!answer) {
      // The page vanished (the list shrank): start over rather than stall.
      return { plans: [], nextCursor: null, resumeCursor: encodeCursor({ ...state, page: 1 }) };
    }
    const more = answer.data.next !== null && answer.data.results.length > 0;
    return {
      plans: answer.data.results.map(mapAkinonPlan),
      nextCursor: more ? encodeCursor({ ...state, page: state.page + 1 }) : null,
      resumeCursor: encodeCursor(state),
    };
  }

  private limit(requested: number | undefined): number {
    const limit = requested !== undefined && Number.isFinite(requested) ? requested : this.options.pageSize;
    return Math.max(1, Math.min(AKINON_MAX_PAGE_SIZE, Math.floor(limit)));
  }

  private resumeSince(since: string | null, runStart: string): string {
    const from = new Date(Date.parse(runStart) - this.options.resumeOverlapMs).toISOString();
    return since !== null && Date.parse(since) > Date.parse(from) ? since : from;
  }
}
