import { Inject, Injectable } from '@nestjs/common';
import { luaScript, runLuaScript } from './lua-script';
import { ALL_SHARDS, shardOf } from './order-identity';
import { RedisClient } from './redis-client.factory';
import { redisCall } from './redis-call';
import { REDIS_CLIENT } from './redis.tokens';
import { storeKeys } from './store-keys';

/** Removes the entry only while its due time is still the one read (ARGV[2]): a newer add() is kept. */
const REMOVE_IF_DUE_AT = luaScript(`
local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
if due and tonumber(due) == tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0`);

/** A backlog entry: the order and the due time it was read with. */
export interface RoutingDueEntry {
  orderId: string;
  dueAtMs: number;
}

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

  /**
   * Removes an entry read by due() unless it was added again since: a
   * release marked while a worker was looking at the order keeps its entry.
   */
  async removeSeen(entry: RoutingDueEntry): Promise<void> {
    await runLuaScript(this.redis, REMOVE_IF_DUE_AT, [storeKeys.routingDue(shardOf(entry.orderId))], [entry.orderId, String(entry.dueAtMs)]);
  }

  /** Entries due at `nowMs`, earliest first within a shard, at most `perShard` from each. */
  async due(nowMs: number, perShard = ROUTING_BACKLOG_SCAN_PER_SHARD): Promise<RoutingDueEntry[]> {
    const perShardRows = await redisCall(() => Promise.all(ALL_SHARDS.map((shard) => this.redis.zrangebyscore(storeKeys.routingDue(shard), '-inf', nowMs, 'WITHSCORES', 'LIMIT', 0, perShard))));
    const entries: RoutingDueEntry[] = [];
    for (const rows of perShardRows) for (let i = 0; i < rows.length; i += 2) entries.push({ orderId: rows[i], dueAtMs: Number(rows[i + 1]) });
    return entries;
  }
}
