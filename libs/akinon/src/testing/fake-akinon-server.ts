import { AkinonAnswer, AkinonClient, AkinonQuery } from '../akinon.client';
import { AkinonCancellationPlan, AkinonOrder, AkinonPage } from '../akinon.types';
import { docOrder, docPlan } from './akinon-doc-examples';

/** The orders a DRF server may list rows in when no ordering is asked for (docs/api-decisions.md AK-5). */
export type FakeListOrder = 'insertion' | '-updated_at' | 'updated_at' | 'shuffled';

interface Row<T> {
  row: T;
  createdMs: number;
  updatedMs: number;
}

/**
 * An in-memory stand-in for the Akinon API as the feed sees it, for unit
 * specs: `orders/` with `updated_at__gte/__lt`, `cancellation-plans/` with
 * `created_at__date` / `order`, empty items and addresses; DRF paging (a page
 * past the end is 404 → null); rows rendered without timestamps, as in the
 * document; listed in `listOrder` (`shuffled`: a new permutation per request).
 * `beforeEach` runs before every request, so a spec can change data mid-run.
 */
export class FakeAkinonServer {
  readonly orders: Row<AkinonOrder>[] = [];
  readonly plans: Row<AkinonCancellationPlan>[] = [];
  readonly calls: { path: string; query: AkinonQuery }[] = [];
  beforeEach: (path: string) => void = () => undefined;
  private random: () => number;
  private next = 1;

  constructor(
    private readonly listOrder: FakeListOrder,
    seed: number,
    public clockMs = Date.parse('2024-06-01T12:00:00Z'),
  ) {
    this.random = mulberry32(seed);
  }

  get client(): AkinonClient {
    return { list: (path: string, query: AkinonQuery) => Promise.resolve(this.list(path, query)) } as unknown as AkinonClient;
  }

  addOrder(updatedMs = this.clockMs): AkinonOrder {
    const n = this.next++;
    const row = docOrder({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, number: String(45243493 + n), shipping_address: null });
    this.orders.push({ row, createdMs: updatedMs, updatedMs });
    return row;
  }

  addPlan(createdMs = this.clockMs): AkinonCancellationPlan {
    const n = this.next++;
    const row = docPlan({ id: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}` });
    this.plans.push({ row, createdMs, updatedMs: createdMs });
    return row;
  }

  /** An update "by the marketplace" now: the order's updated_at moves to the server's clock. */
  touch(id: string): void {
    const found = this.orders.find((entry) => entry.row.id === id);
    if (found) found.updatedMs = this.clockMs;
  }

  pick(): AkinonOrder {
    return this.orders[Math.floor(this.random() * this.orders.length)].row;
  }

  private list(path: string, query: AkinonQuery): AkinonAnswer<AkinonPage<unknown>> | null {
    this.clockMs += 7;
    this.beforeEach(path);
    this.calls.push({ path, query });
    const rows = this.matching(path, query);
    const limit = Number(query.limit ?? 10);
    const page = Number(query.page ?? 1);
    const pages = Math.max(1, Math.ceil(rows.length / limit));
    if (page > pages) return null;
    const results = rows.slice((page - 1) * limit, page * limit).map((entry) => entry.row);
    // The `Date` header has second precision.
    const serverTime = new Date(Math.floor(this.clockMs / 1000) * 1000).toISOString();
    return { data: { count: rows.length, next: page < pages ? `https://elsewhere.example/?page=${page + 1}` : null, previous: null, results }, requestId: null, serverTime };
  }

  private matching(path: string, query: AkinonQuery): Row<unknown>[] {
    if (path === 'orders/') {
      const gte = query.updated_at__gte === undefined ? -Infinity : Date.parse(String(query.updated_at__gte));
      const lt = query.updated_at__lt === undefined ? Infinity : Date.parse(String(query.updated_at__lt));
      return this.ordered(this.orders.filter((entry) => entry.updatedMs >= gte && entry.updatedMs < lt && (query.number === undefined || entry.row.number === query.number)));
    }
    if (path === 'cancellation-plans/') {
      return this.ordered(
        this.plans.filter(
          (entry) =>
            (query.created_at__date === undefined || new Date(entry.createdMs).toISOString().slice(0, 10) === query.created_at__date) && (query.order === undefined || entry.row.order === query.order),
        ),
      );
    }
    return [];
  }

  private ordered<T>(rows: Row<T>[]): Row<T>[] {
    if (this.listOrder === 'insertion') return rows;
    if (this.listOrder === '-updated_at') return [...rows].sort((a, b) => b.updatedMs - a.updatedMs);
    if (this.listOrder === 'updated_at') return [...rows].sort((a, b) => a.updatedMs - b.updatedMs);
    const shuffled = [...rows];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    return shuffled;
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
