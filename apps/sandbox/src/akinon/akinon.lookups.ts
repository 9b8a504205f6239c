import { AkinonStore } from './akinon.store';
import { AkinonAddress, AkinonOrder, AkinonOrderItem } from './akinon.types';

/**
 * The rows an exact-match filter can only come from, found through the
 * store's maps instead of a scan of every row — what a database index does
 * for the real API. Each lookup answers a superset of the matches (the
 * compiled filters still run on it), or null when the query has no such
 * filter and every row is a candidate. Without them a client joining 10,000
 * orders (one `order-items/?order__number=` and one `customer-addresses/?id=`
 * per order) spends minutes in the sandbox's scans, not in its own work.
 */
export type CandidateRows<T> = (query: URLSearchParams) => Iterable<T> | null;

/** `orders/?number=`: order numbers are unique in the sandbox (create-order refuses a taken one). */
export function orderCandidates(store: AkinonStore): CandidateRows<AkinonOrder> {
  return (query) => {
    const number = exactParam(query, 'number');
    if (number === null) return null;
    const order = store.orderByNumber(number);
    return order ? [order] : [];
  };
}

/** `order-items/?order__number=` (the reader's join) or `?order=<uuid>`. */
export function orderItemCandidates(store: AkinonStore): CandidateRows<AkinonOrderItem> {
  return (query) => {
    const number = exactParam(query, 'order__number');
    if (number !== null) {
      const order = store.orderByNumber(number);
      return order ? store.itemsOf(order.id) : [];
    }
    const orderId = exactParam(query, 'order');
    // A uuid filter compares lower-case; ids the sandbox makes are lower-case. Any other spelling: scan.
    return orderId !== null && store.orders.has(orderId.toLowerCase()) ? store.itemsOf(orderId.toLowerCase()) : null;
  };
}

/** `customer-addresses/?id=` (the reader's join). */
export function addressCandidates(store: AkinonStore): CandidateRows<AkinonAddress> {
  return (query) => {
    const id = exactParam(query, 'id');
    const address = id === null ? undefined : store.addresses.get(id.toLowerCase());
    return address ? [address] : null;
  };
}

/** The value the filters will use (django-filter takes the last; an empty one is ignored), else null. */
function exactParam(query: URLSearchParams, name: string): string | null {
  const raw = query.getAll(name).pop();
  return raw === undefined || raw === '' ? null : raw;
}
