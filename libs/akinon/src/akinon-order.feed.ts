import { CancellationPlansPage, ChangedOrdersPage } from '@app/adapters';
import { AkinonLocationResolver } from './akinon-location.resolver';
import { AkinonOrderReader } from './akinon-order.reader';
import { mapAkinonPlan } from './akinon-plan.mapper';
import { readWindow } from './akinon-window.reader';
import { AkinonClient, AkinonQuery } from './akinon.client';
import { decodeCursor, encodeCursor, OrdersCursor, PlansCursor } from './akinon.cursor';
import { mapAkinonOrder } from './akinon.mapper';
import { AkinonCancellationPlan, AkinonOrder } from './akinon.types';

/** DRF's `max_page_size` on Akinon; a larger `limit` would be capped silently and break our page maths. */
export const AKINON_MAX_PAGE_SIZE = 100;
/** Windows are not split below this: more than a page of orders within it is read page by page (readWindow). */
const MIN_SPAN_MS = 1;
/** Window reads one call may spend finding a window that fits a page; the cursor keeps the progress. */
const MAX_PROBES = 100;
const EPOCH_MS = 0;
const DAY_MS = 86_400_000;

export interface AkinonFeedOptions {
  /** Orders per page (each costs up to two more reads, see AkinonOrderReader). */
  pageSize: number;
  /**
   * How far before the run's end (server clock) the next run re-reads:
   * covers clock skew between the web and database tiers and transactions
   * committed after our read with an earlier `updated_at`.
   */
  resumeOverlapMs: number;
  /** Days of cancellation plans the first run reads; later runs re-read `planLookbackDays`. */
  planBacklogDays: number;
  /** Days before the last run's end that each run re-reads, so status changes of recent plans are seen. */
  planLookbackDays: number;
  locations: AkinonLocationResolver;
}

/**
 * Paging over `orders/` and `cancellation-plans/` by documented filters
 * only, in windows read whole, so no order or plan is skipped whatever order
 * the server lists rows in and however they change meanwhile
 * (docs/api-decisions.md AK-5). The cursor keeps the window, never a URL:
 * a `next` link is read only as "there is more", so our token is never sent
 * to a host it names.
 */
export class AkinonOrderFeed {
  constructor(
    private readonly client: AkinonClient,
    private readonly reader: AkinonOrderReader,
    private readonly options: AkinonFeedOptions,
  ) {}

  /**
   * One window of `updated_at` that fits a page: `updated_at__gte=from`,
   * `updated_at__lt=to`. The first read of a run is open-ended; its `Date`
   * fixes the run's `end`, and a window with more than a page of orders is
   * halved (within the call) until it fits. Windows are closed and lie
   * before `end`, so they only lose rows while read (an updated order moves
   * past `end`, into the next run); the next run starts `resumeOverlapMs`
   * before `end`. Empty windows are skipped within the call.
   */
  async changedOrders(cursor: string | null, options: { since?: string; limit?: number } = {}): Promise<ChangedOrdersPage> {
    let state: OrdersCursor = cursor
      ? decodeCursor(cursor, 'orders')
      : { k: 'orders', since: options.since ?? null, from: options.since ?? null, end: null, span: null, limit: this.limit(options.limit) };
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      const to = windowEnd(state);
      const answer = await this.client.list<AkinonOrder>('orders/', { ...timeFilters(state.from, to), limit: state.limit, page: 1 });
      const end = state.end ?? answer?.serverTime ?? new Date().toISOString();
      state = { ...state, end };
      const count = answer?.data.count ?? 0;
      const span = spanMs(state.from, to ?? end);
      if (count > state.limit && (to === null || span > MIN_SPAN_MS)) {
        state = { ...state, span: Math.max(MIN_SPAN_MS, Math.floor(span / 2)) };
        continue;
      }
      const rows = count > state.limit ? (await readWindow<AkinonOrder>(this.client, 'orders/', timeFilters(state.from, to), state.limit)).rows : (answer?.data.results ?? []);
      const done = to === null || Date.parse(to) >= Date.parse(end);
      const next: OrdersCursor | null = done ? null : { ...state, from: to, span: rows.length * 2 < state.limit ? span * 2 : span };
      if (rows.length === 0 && next) {
        state = next;
        continue;
      }
      return { orders: await this.join(rows), nextCursor: next && encodeCursor(next), resumeCursor: this.resumeOrders(state, end) };
    }
    // Probe budget spent (a very dense stretch): the progress is in the cursor, the next call goes on.
    return { orders: [], nextCursor: encodeCursor(state), resumeCursor: this.resumeOrders(state, state.end ?? new Date().toISOString()) };
  }

  /**
   * One day of cancellation plans (`created_at__date`, read whole), from the
   * cursor's day up to the run's end (the server's date, plus one day for
   * time zones ahead of UTC); empty days are skipped within the call. With
   * `externalOrderId`, that order's plans (`order=<uuid>`) in one call.
   */
  async cancellationPlans(cursor: string | null, options: { limit?: number; externalOrderId?: string } = {}): Promise<CancellationPlansPage> {
    let state: PlansCursor = cursor ? decodeCursor(cursor, 'plans') : { k: 'plans', date: null, end: null, limit: this.limit(options.limit), order: options.externalOrderId ?? null };
    if (state.order) {
      const { rows } = await readWindow<AkinonCancellationPlan>(this.client, 'cancellation-plans/', { order: state.order }, state.limit, { growOnly: true });
      return { plans: rows.map(mapAkinonPlan), nextCursor: null, resumeCursor: encodeCursor(state) };
    }
    const today = dayOf(Date.now());
    const first = state.date ?? addDays(today, -this.options.planBacklogDays);
    state = { ...state, date: first };
    for (let day = 0; day <= this.options.planBacklogDays + 2; day++) {
      const date = state.date as string;
      // A plan's creation day never changes: the day's window only grows.
      const { rows, serverTime } = await readWindow<AkinonCancellationPlan>(this.client, 'cancellation-plans/', { created_at__date: date }, state.limit, { growOnly: true });
      const end = state.end ?? addDays(dayOf(serverTime ? Date.parse(serverTime) : Date.now()), 1);
      const resume = encodeCursor({ ...state, date: addDays(end, -1 - this.options.planLookbackDays), end: null });
      const next: PlansCursor | null = date >= end ? null : { ...state, date: addDays(date, 1), end };
      if (rows.length === 0 && next) {
        state = next;
        continue;
      }
      return { plans: rows.map(mapAkinonPlan), nextCursor: next && encodeCursor(next), resumeCursor: resume };
    }
    return { plans: [], nextCursor: encodeCursor(state), resumeCursor: encodeCursor({ ...state, date: null, end: null }) };
  }

  /** 1 `orders/` window read + N item reads + ≤ N address reads (AkinonOrderReader). */
  private async join(rows: AkinonOrder[]) {
    const bundles = await this.reader.complete(rows);
    return bundles.map((bundle) => mapAkinonOrder(bundle, this.options.locations));
  }

  private limit(requested: number | undefined): number {
    const limit = requested !== undefined && Number.isFinite(requested) ? requested : this.options.pageSize;
    return Math.max(1, Math.min(AKINON_MAX_PAGE_SIZE, Math.floor(limit)));
  }

  /** The next run starts `resumeOverlapMs` before this run's end (never before this run's own start). */
  private resumeOrders(state: OrdersCursor, end: string): string {
    const overlap = new Date(Date.parse(end) - this.options.resumeOverlapMs).toISOString();
    const from = state.since !== null && Date.parse(state.since) > Date.parse(overlap) ? state.since : overlap;
    return encodeCursor({ k: 'orders', since: from, from, end: null, span: null, limit: state.limit });
  }
}

/** The window's exclusive end: open (null) until the run's end is known, then `from + span` capped at `end`. */
function windowEnd(state: OrdersCursor): string | null {
  if (state.end === null) return null;
  if (state.span === null) return state.end;
  const to = Math.min(msOf(state.from) + state.span, Date.parse(state.end));
  return new Date(to).toISOString();
}

function timeFilters(from: string | null, to: string | null): AkinonQuery {
  const query: AkinonQuery = {};
  if (from) query.updated_at__gte = from;
  if (to) query.updated_at__lt = to;
  return query;
}

function spanMs(from: string | null, to: string): number {
  return Math.max(0, Date.parse(to) - msOf(from));
}

function msOf(time: string | null): number {
  return time === null ? EPOCH_MS : Date.parse(time);
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}
