import { Channel, OrderStatus } from '@app/orders';
import { ALL_SHARDS, createRedisClient, OrderIngestor, OrderRepository, RedisClient, storeKeys, waitUntilReady } from '@app/store';

/** Key patterns of the order store and the sync cursors (see libs/store/src/store-keys.ts) — not the queues. */
const STORE_PATTERNS = ['gw:order:*', 'gw:history:*', 'gw:idx:*', 'order-events:*', 'gw:sync:*'];

/**
 * The gateway's order store seen from the harness, through the gateway's own
 * library code (plain classes, no Nest container): to put orders in before a
 * figure, and to watch what the worker wrote during one.
 */
export class GatewayStore {
  readonly repository: OrderRepository;
  readonly ingestor: OrderIngestor;

  private constructor(readonly redis: RedisClient) {
    this.repository = new OrderRepository(redis);
    this.ingestor = new OrderIngestor(this.repository);
  }

  static async open(url: string): Promise<GatewayStore> {
    const redis = createRedisClient(url, 'bench-harness');
    if (!(await waitUntilReady(redis, 5_000))) throw new Error(`cannot connect to ${url}`);
    return new GatewayStore(redis);
  }

  /** Orders of a channel in the store: one ZCARD per shard index, in one pipeline. */
  async countChannel(channel: Channel): Promise<number> {
    const pipeline = this.redis.pipeline();
    for (const shard of ALL_SHARDS) pipeline.zcard(storeKeys.indexChannel(shard, channel));
    const replies = (await pipeline.exec()) ?? [];
    return replies.reduce((sum, [error, count]) => sum + (error ? 0 : Number(count)), 0);
  }

  /** The status of each of `ids` (the `st` field the save script keeps beside the document), null when absent. */
  async statuses(ids: readonly string[]): Promise<(OrderStatus | null)[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(storeKeys.order(id), 'st');
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, value]) => (error ? null : (value as OrderStatus | null)));
  }

  /** Any one stored order id (for the read benchmark). */
  async anyOrderId(): Promise<string | null> {
    for (const shard of ALL_SHARDS) {
      const [member] = await this.redis.zrange(storeKeys.indexAll(shard), 0, 0);
      if (member) return member.slice(member.indexOf(':') + 1);
    }
    return null;
  }

  /** Deletes every order, history, index, event stream and sync cursor, leaving the queues alone (the worker keeps running). */
  async deleteAllOrders(): Promise<number> {
    return deleteMatching(this.redis, STORE_PATTERNS);
  }

  close(): void {
    this.redis.disconnect();
  }
}

/** SCAN + UNLINK in batches; fine for the tens of thousands of keys a bench writes. */
export async function deleteMatching(redis: RedisClient, patterns: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const match of patterns) {
    let cursor = '0';
    do {
      const [next, keys] = await (redis as import('ioredis').default).scan(cursor, 'MATCH', match, 'COUNT', 2_000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  }
  return deleted;
}
