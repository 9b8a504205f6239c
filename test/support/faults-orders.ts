import { CanonicalOrder } from '@app/orders';
import { ALL_SHARDS, orderIdFor, storeKeys } from '@app/store';
import { auth } from './api-fixture';
import { mapLimit } from './faults-pool';
import { GatewayStack } from './gateway-stack';
import { SandboxHandle } from './sandbox-process';

/** What a scenario needs at the channels: approved orders, created through the sandbox's control plane. */
export interface OrderCounts {
  /** Approved Joom v3 orders that may ship offline (tracking or Flexport). */
  joom: number;
  /** Akinon orders in 200 Approved, two items each (every item rejectable). */
  akinon: number;
}

/** The external ids of orders created at the sandbox, per channel. */
export interface CreatedOrders {
  joom: string[];
  akinon: string[];
}

/**
 * Creates exactly the orders a scenario uses (the sandbox is started with no
 * seed), so every order the gateway ingests is one the scenario commands.
 * Joom's list quota is raised: ingestion is not what is measured here.
 */
export async function createChannelOrders(sandbox: SandboxHandle, counts: OrderCounts): Promise<CreatedOrders> {
  await sandbox.control('POST', '/joom-v3/actions/set-rate-limit', { listPerMinute: 10_000 });
  const joom = await mapLimit(range(counts.joom), 16, async () => {
    const { result } = await sandbox.control<{ result: { id: string } }>('POST', '/joom-v3/actions/create-order', { status: 'approved', onlineShippingRequirement: 'offlineOnly' });
    return result.id;
  });
  const akinon = await mapLimit(range(counts.akinon), 16, async () => {
    const { result } = await sandbox.control<{ result: { order: { id: number | string } } }>('POST', '/akinon/actions/create-order', { status: 200, itemCount: 2 });
    return String(result.order.id);
  });
  return { joom, akinon };
}

/** The ingested canonical orders, in the order they were created. */
export interface IngestedOrders {
  joom: CanonicalOrder[];
  akinon: CanonicalOrder[];
}

/**
 * Asks the gateway to sync both channels (the worker also syncs at boot) and
 * waits until every created order is stored, then reads them.
 */
export async function waitForIngestion(stack: GatewayStack, created: CreatedOrders, timeoutMs = 90_000): Promise<IngestedOrders> {
  for (const channel of ['joom', 'akinon'] as const) await stack.http.post(`/v1/channels/${channel}/sync`).set(auth).expect(202);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [joom, akinon] = await Promise.all([countChannel(stack, 'joom'), countChannel(stack, 'akinon')]);
    if (joom >= created.joom.length && akinon >= created.akinon.length) break;
    if (Date.now() > deadline) throw new Error(`ingested only ${joom}/${created.joom.length} Joom and ${akinon}/${created.akinon.length} Akinon orders`);
    await sleep(250);
  }
  const idsOf = (channel: 'joom' | 'akinon') => created[channel].map((externalId) => orderIdFor(channel, stack.config.channels[channel]!.account, externalId));
  const read = async (channel: 'joom' | 'akinon') => {
    const ids = idsOf(channel);
    const byId = new Map((await stack.store.repository.getMany(ids)).map((order) => [order.id, order]));
    if (byId.size !== ids.length) throw new Error(`${channel}: ${byId.size} of ${ids.length} created orders found by id`);
    return ids.map((id) => byId.get(id)!);
  };
  return { joom: await read('joom'), akinon: await read('akinon') };
}

async function countChannel(stack: GatewayStack, channel: 'joom' | 'akinon'): Promise<number> {
  const counts = await Promise.all(ALL_SHARDS.map((shard) => stack.store.redis.zcard(storeKeys.indexChannel(shard, channel))));
  return counts.reduce((sum, n) => sum + n, 0);
}

export function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
