import { ChangedOrdersPage, ChannelOrder } from '@app/adapters';
import { createJoomAdapter } from '@app/joom';
import { BENCH_JOOM_TOKEN } from './gateway-stack';
import { GatewayStore } from './gateway-store';

/** Joom v3 `limit` cap: both sides read the sandbox in pages this big. */
export const JOOM_PAGE = 500;

/** What a bench fulfill sends: DHL serves every sandbox destination. */
export const BENCH_CARRIER = 'DHL';

export interface ReadyOrder {
  id: string;
  externalId: string;
}

/** The gateway's own test for "can be fulfilled with tracking": ready, not online-only. */
const offlineReady = (order: ChannelOrder) => order.snapshot.status === 'ready' && order.snapshot.fields.shippingConstraints?.requirement !== 'online_only';

/**
 * Reads the seeded Joom orders through the gateway's adapter and stores the
 * first `wanted` fulfillable ones through its ingestor, as a sync would
 * (set-up, not measured).
 */
export async function ingestFulfillable(store: GatewayStore, sandboxUrl: string, wanted: number): Promise<ReadyOrder[]> {
  const adapter = createJoomAdapter({ apiVersion: 'v3', baseUrl: sandboxUrl, accessToken: BENCH_JOOM_TOKEN, account: 'main' });
  const picked: ReadyOrder[] = [];
  let cursor: string | null = null;
  while (picked.length < wanted) {
    const page: ChangedOrdersPage = await adapter.listChangedOrders(cursor, { limit: JOOM_PAGE });
    const matching = page.orders.filter(offlineReady).slice(0, wanted - picked.length);
    for (let i = 0; i < matching.length; i += 32) {
      const stored = await Promise.all(matching.slice(i, i + 32).map((order) => store.ingestor.ingest({ channel: 'joom', account: adapter.account, ...order }, 'ingest', 'bench')));
      picked.push(...stored.map(({ order }) => ({ id: order.id, externalId: order.externalId })));
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  if (picked.length < wanted) throw new Error(`the sandbox holds only ${picked.length} fulfillable Joom orders, ${wanted} wanted`);
  return picked;
}

interface RawV3Order {
  id: string;
  status: string;
  onlineShippingRequirement?: string;
}

/** The same selection over plain HTTP, for the baselines (Joom `approved` = ready; `onlineOnly` cannot take tracking). */
export async function listFulfillableExternalIds(sandboxUrl: string, wanted: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const url = new URL('/api/v3/orders/multi', sandboxUrl);
    url.searchParams.set('limit', String(JOOM_PAGE));
    if (after) url.searchParams.set('after', after);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${BENCH_JOOM_TOKEN}` } });
    if (!response.ok) throw new Error(`orders/multi → ${response.status}`);
    const body = (await response.json()) as { data: { items: RawV3Order[] }; paging?: { next?: string } };
    for (const order of body.data.items) {
      if (ids.length < wanted && order.status === 'approved' && order.onlineShippingRequirement !== 'onlineOnly') ids.push(order.id);
    }
    after = body.paging?.next ? new URL(body.paging.next).searchParams.get('after') : null;
  } while (after && ids.length < wanted);
  if (ids.length < wanted) throw new Error(`the sandbox holds only ${ids.length} fulfillable Joom orders, ${wanted} wanted`);
  return ids;
}
