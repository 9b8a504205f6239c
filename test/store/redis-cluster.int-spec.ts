import { Worker } from 'bullmq';
import { Cluster } from 'ioredis';
import { CanonicalOrder } from '@app/orders';
import { GatewayConfig } from '@app/config';
import { closeQueueConnection, IdempotencyRecord, IdempotencyRecords, idempotencyRecordKey, idempotentJobId, queueConnectionOptions } from '@app/queues';
import { ALL_SHARDS, shardOf, ShipByIndex, storeKeys } from '@app/store';
import { openQueue } from '../support/queue-fixtures';
import { RedisClusterHandle, startRedisCluster } from '../support/redis-cluster';
import { insert, newOrder, openStore, queuePrefix, StoreFixture } from '../support/store-fixtures';

jest.setTimeout(60_000);

/**
 * The key layout and the queues on a real 3-master Redis Cluster, in every
 * run (the whole integration suite also runs on one with TEST_REDIS_CLUSTER=1).
 */
describe('the store and the queues on a Redis Cluster', () => {
  let cluster: RedisClusterHandle;
  let store: StoreFixture;
  const orders: CanonicalOrder[] = [];

  beforeAll(async () => {
    cluster = await startRedisCluster();
    store = await openStore(cluster.url);
    for (let i = 0; i < 64; i++) orders.push(await insert(store.repository, newOrder({ channel: i % 2 ? 'akinon' : 'joom' })));
  });
  afterAll(async () => {
    await store?.close();
    await cluster?.stop();
  });

  const slotOf = (key: string) => (store.redis as Cluster).call('CLUSTER', 'KEYSLOT', key) as Promise<number>;

  it('keeps every key one order save touches in one slot, so the save stays one atomic script', async () => {
    const order = orders[0];
    const shard = shardOf(order.id);
    const keys = [
      storeKeys.order(order.id),
      storeKeys.history(order.id),
      storeKeys.events(shard),
      storeKeys.indexAll(shard),
      storeKeys.indexChannel(shard, order.channel),
      storeKeys.indexStatus(shard, order.status),
      storeKeys.indexAttention(shard),
      storeKeys.indexUpdated(shard),
      storeKeys.indexShipBy(shard),
      storeKeys.indexAccount(shard, order.account),
    ];
    expect(new Set(await Promise.all(keys.map(slotOf))).size).toBe(1);
  });

  it('spreads the 16 shards over every master', async () => {
    const slots = await Promise.all(ALL_SHARDS.map((shard) => slotOf(storeKeys.indexAll(shard))));
    expect(new Set(slots).size).toBe(ALL_SHARDS.length);
    const masters = (store.redis as Cluster).nodes('master');
    expect(masters).toHaveLength(3);
    const sizes = await Promise.all(masters.map((node) => node.dbsize()));
    expect(sizes.every((size) => size > 0)).toBe(true);
  });

  it('reads, pages and lists orders across the masters', async () => {
    const byId = (a: CanonicalOrder, b: CanonicalOrder) => a.id.localeCompare(b.id);
    expect((await store.repository.getMany(orders.map((order) => order.id))).sort(byId)).toEqual([...orders].sort(byId));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listing.list({ limit: 10, cursor });
      seen.push(...page.items.map((order) => order.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && seen.length <= orders.length);
    expect(seen.sort()).toEqual(orders.map((order) => order.id).sort());
  });

  it('finds orders due to ship across the masters, and drops them from the ship-by index once shipped', async () => {
    const hour = 3_600_000;
    const due = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        insert(store.repository, newOrder({ status: 'ready', shippingConstraints: { requirement: null, shipBy: new Date(Date.now() + (i % 3) * hour).toISOString(), deliverBy: null } })),
      ),
    );
    expect(new Set(due.map((order) => shardOf(order.id))).size).toBeGreaterThan(3);
    const index = new ShipByIndex(store.redis);
    expect(await index.countDue(Date.now() + 3 * hour)).toBe(12);
    expect(await index.countDue(Date.now() + 1.5 * hour)).toBe(8);
    expect((await index.unflaggedDue(Date.now() + 3 * hour)).sort()).toEqual(due.map((order) => order.id).sort());
    const shipped = due[0];
    await store.repository.save({ order: { ...shipped, status: 'shipped' }, expectedVersion: shipped.version, previousStatus: 'ready', history: [] });
    expect(await index.countDue(Date.now() + 3 * hour)).toBe(11);
    expect(await index.unflaggedDue(Date.now() + 3 * hour)).not.toContain(shipped.id);
    // A flagged order stays due (the gauge counts it) but is not offered for flagging again.
    const flagged = due[1];
    await store.repository.save({
      order: { ...flagged, attention: { code: 'address_incomplete', message: 'x', since: flagged.updatedAt } },
      expectedVersion: flagged.version,
      previousStatus: 'ready',
      history: [],
    });
    expect(await index.countDue(Date.now() + 3 * hour)).toBe(11);
    expect(await index.unflaggedDue(Date.now() + 3 * hour)).not.toContain(flagged.id);
    expect(await index.unflaggedDue(Date.now() + 3 * hour)).toHaveLength(10);
  });

  it('runs BullMQ producers and workers under the hash-tagged queue prefix', async () => {
    expect(queuePrefix(cluster.url)).toBe('{bull}');
    const producer = openQueue('cluster-check', cluster.url);
    const connection = queueConnectionOptions(cluster.url, 'worker');
    const done: string[] = [];
    const worker = new Worker('cluster-check', async (job) => void done.push(job.id!), { connection, prefix: queuePrefix(cluster.url), concurrency: 4 });
    try {
      await producer.queue.addBulk(Array.from({ length: 20 }, (_, i) => ({ name: 'ping', data: { i }, opts: { jobId: `ping-${i}` } })));
      const deadline = Date.now() + 15_000;
      while (done.length < 20 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(done.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `ping-${i}`).sort());
      expect(await producer.queue.getJobCounts('completed')).toEqual({ completed: 20 });
    } finally {
      await worker.close();
      await closeQueueConnection(connection);
      await producer.close();
    }
  });

  it('keeps idempotency records one key each, in slots of their own: claimed once (SET NX) with their own TTL', async () => {
    const records = new IdempotencyRecords(store.redis, { idempotencyTtlSeconds: 120 } as GatewayConfig);
    const chainIds = Array.from({ length: 24 }, (_, i) => idempotentJobId('api-key:0badc0de', `key-${i}`));
    const recordOf = (chainId: string, fingerprint: string): IdempotencyRecord => ({
      jobId: `${chainId}-1`,
      queue: 'commands-joom',
      fingerprint,
      plan: [{ system: 'joom', step: 'fulfill-tracking' }],
    });
    for (const chainId of chainIds) {
      const first = recordOf(chainId, 'body-a');
      expect(await records.claim(chainId, first)).toBeNull();
      expect(await records.claim(chainId, recordOf(chainId, 'body-b'))).toEqual(first);
      expect(await records.get(chainId)).toEqual(first);
    }
    const slots = await Promise.all(chainIds.map((chainId) => slotOf(idempotencyRecordKey(chainId))));
    expect(new Set(slots).size).toBe(chainIds.length);
    const ttl = await store.redis.ttl(idempotencyRecordKey(chainIds[0]));
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);

    // A value that is not a record (written by hand) is replaced by the next claim.
    await store.redis.set(idempotencyRecordKey(chainIds[0]), 'not json');
    expect(await records.get(chainIds[0])).toBeNull();
    expect(await records.claim(chainIds[0], recordOf(chainIds[0], 'body-c'))).toBeNull();
    expect(await records.get(chainIds[0])).toEqual(recordOf(chainIds[0], 'body-c'));
  });
});
