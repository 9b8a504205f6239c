import { Inject, Injectable } from '@nestjs/common';
import { ALL_SHARDS, shardOf } from './order-identity';
import { RedisClient } from './redis-client.factory';
import { redisCall } from './redis-call';
import { REDIS_CLIENT } from './redis.tokens';
import { storeKeys } from './store-keys';

/** Entries one look reads per shard at most, earliest first, so a long backlog keeps each look bounded. */
export const ROUTING_BACKLOG_SCAN_PER_SHARD = 500;

/**
 * Orders routing owes another look (docs/api-decisions.md RT-3):
 * `gw:routing:{s-x}:due`, one zset per shard, member = order id, score =
 * when to look (ms). Routing adds an order when it could not decide it now
 * (a command in progress) and before a hold comes off; it removes it once it
 * decided or found nothing to decide. Nothing else reads it, so an entry
 * left behind costs one look, never a second decision: routing's own
 * record on the order is what makes a decision happen once.
 */
@Injectable()
export class RoutingBacklog {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  async add(orderId: string, dueAtMs: number): Promise<void> {
    await redisCall(() => this.redis.zadd(storeKeys.routingDue(shardOf(orderId)), dueAtMs, orderId));
  }

  async remove(orderId: string): Promise<void> {
    await redisCall(() => this.redis.zrem(storeKeys.routingDue(shardOf(orderId)), orderId));
  }

  /** Ids due at `nowMs`, earliest first within a shard, at most `perShard` from each. */
  async due(nowMs: number, perShard = ROUTING_BACKLOG_SCAN_PER_SHARD): Promise<string[]> {
    const perShardIds = await redisCall(() => Promise.all(ALL_SHARDS.map((shard) => this.redis.zrangebyscore(storeKeys.routingDue(shard), '-inf', nowMs, 'LIMIT', 0, perShard))));
    return perShardIds.flat();
  }
}
