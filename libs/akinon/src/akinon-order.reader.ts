import { AkinonClient } from './akinon.client';
import { AkinonAddress, AkinonOrder, AkinonOrderBundle, AkinonOrderItem } from './akinon.types';

/** Akinon's page size cap (DRF `max_page_size`); an order's items almost always fit in one page. */
const ITEM_PAGE_SIZE = 100;
/** A safety stop: 50 pages × 100 items is far beyond any real order. */
const MAX_ITEM_PAGES = 50;

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

  /** `GET orders/{id}/` (DRF detail route: the document filters orders by number, not id) plus the join. */
  async readOne(orderId: string): Promise<{ bundle: AkinonOrderBundle; requestId: string | null }> {
    const answer = await this.client.get<AkinonOrder>(`orders/${encodeURIComponent(orderId)}/`, `order ${orderId}`);
    const [bundle] = await this.complete([answer.data]);
    return { bundle, requestId: answer.requestId };
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
