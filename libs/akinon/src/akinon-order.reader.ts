import { RemoteNotFoundError } from '@app/adapters';
import { AkinonOrderNumberMissingError } from './akinon-order-number-missing.error';
import { AkinonClient } from './akinon.client';
import { AkinonAddress, AkinonOrder, AkinonOrderBundle, AkinonOrderItem } from './akinon.types';

/** Akinon's page size cap (DRF `max_page_size`); an order's items almost always fit in one page. */
const ITEM_PAGE_SIZE = 100;
/** A safety stop: 50 pages × 100 items is far beyond any real order. */
const MAX_ITEM_PAGES = 50;
/** Pages of `orders/?number=` read while looking for one id: a number is shared by a handful of orders at most. */
const MAX_NUMBER_PAGES = 5;

/** One Akinon order as the gateway knows it: its uuid and its number (the canonical `externalId` / `externalNumber`). */
export interface AkinonOrderRef {
  id: string;
  number: string | null | undefined;
}

/**
 * Joins what Akinon spreads over three collections into one bundle per order:
 * the order, its items (`order-items/?order__number=`), and its shipping
 * address (`customer-addresses/?id=`). For N orders that is N item reads
 * (one more per extra 100 items) and at most N address reads (shared
 * addresses are read once), run `concurrency` at a time. The API has no
 * "items of many orders" filter, so per-order reads are the floor.
 */
export class AkinonOrderReader {
  constructor(
    private readonly client: AkinonClient,
    private readonly concurrency: number,
  ) {}

  /**
   * One order, read only through documented routes: `orders/?number=` (the
   * document filters orders by number and has no route by id) matched on
   * `id`, then the join. docs/api-decisions.md AK-1.
   */
  async readOne(ref: AkinonOrderRef): Promise<{ bundle: AkinonOrderBundle; requestId: string | null }> {
    if (!ref.number) throw new AkinonOrderNumberMissingError(ref.id);
    let requestId: string | null = null;
    let order: AkinonOrder | undefined;
    for (let page = 1; page <= MAX_NUMBER_PAGES && !order; page++) {
      const answer = await this.client.list<AkinonOrder>('orders/', { number: ref.number, limit: ITEM_PAGE_SIZE, page });
      if (!answer) break;
      requestId = answer.requestId ?? requestId;
      order = answer.data.results.find((row) => row.id === ref.id);
      if (!answer.data.next || answer.data.results.length === 0) break;
    }
    if (!order) throw new RemoteNotFoundError('akinon', `order ${ref.id} (number ${ref.number})`);
    const [bundle] = await this.complete([order]);
    return { bundle, requestId };
  }

  async complete(orders: readonly AkinonOrder[]): Promise<AkinonOrderBundle[]> {
    const addresses = new Map<string, Promise<AkinonAddress | null>>();
    const addressOf = (id: string | null): Promise<AkinonAddress | null> => {
      if (!id) return Promise.resolve(null);
      if (!addresses.has(id)) addresses.set(id, this.address(id));
      return addresses.get(id) as Promise<AkinonAddress | null>;
    };
    return mapLimit(orders, this.concurrency, async (order) => {
      const [items, shippingAddress] = await Promise.all([this.itemsOf(order), addressOf(order.shipping_address)]);
      return { order, items, shippingAddress };
    });
  }

  private async itemsOf(order: AkinonOrder): Promise<AkinonOrderItem[]> {
    const items: AkinonOrderItem[] = [];
    for (let page = 1; page <= MAX_ITEM_PAGES; page++) {
      const answer = await this.client.list<AkinonOrderItem>('order-items/', { order__number: order.number, limit: ITEM_PAGE_SIZE, page });
      if (!answer) break;
      // The filter is by number; keep only this order's rows should numbers ever repeat across datasources.
      items.push(...answer.data.results.filter((item) => item.order === order.id));
      if (!answer.data.next || answer.data.results.length === 0) break;
    }
    return items;
  }

  private async address(id: string): Promise<AkinonAddress | null> {
    const answer = await this.client.list<AkinonAddress>('customer-addresses/', { id });
    return answer?.data.results.find((address) => address.id === id) ?? null;
  }
}

/** Promise.all with at most `limit` tasks in flight; results keep the input order. */
export async function mapLimit<T, R>(inputs: readonly T[], limit: number, task: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(inputs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await task(inputs[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, worker));
  return results;
}
