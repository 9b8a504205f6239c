import { Inject, Injectable } from '@nestjs/common';
import { ALL_SHARDS } from './order-identity';
import { RedisClient } from './redis-client.factory';
import { redisCall } from './redis-call';
import { REDIS_CLIENT } from './redis.tokens';
import { idOfListingKey, storeKeys } from './store-keys';

/** Entries one check reads per shard at most, earliest deadline first, so a flood of late orders keeps it bounded. */
export const SHIP_BY_SCAN_PER_SHARD = 1_000;
/** Pages of that size one check reads per shard at most, past flagged orders: 20,000 entries. */
const SHIP_BY_SCAN_PAGES_PER_SHARD = 20;

/**
 * The ship-by index (`gw:idx:{s-x}:shipby`, kept by the save script): every
 * order waiting to ship before a deadline, scored by that deadline. What is
 * due before a time is a range of it, so noticing time pass costs one
 * ZRANGEBYSCORE or ZCOUNT per shard, not a walk over the orders.
 */
@Injectable()
export class ShipByIndex {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  /** How many orders must ship before `beforeMs` (deadline past included). */
  async countDue(beforeMs: number): Promise<number> {
    const counts = await redisCall(() => Promise.all(ALL_SHARDS.map((shard) => this.redis.zcount(storeKeys.indexShipBy(shard), '-inf', `(${beforeMs}`))));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /**
   * Ids of orders due before `beforeMs` that carry no attention flag (those
   * are left alone: flagged already, or waiting on something more pressing),
   * earliest deadline first within a shard.
   */
  async unflaggedDue(beforeMs: number, pageSize = SHIP_BY_SCAN_PER_SHARD): Promise<string[]> {
    const perShard = await Promise.all(ALL_SHARDS.map((shard) => this.unflaggedDueIn(shard, beforeMs, pageSize)));
    return perShard.flat();
  }

  /**
   * Pages on past flagged orders (many overdue orders stuck at a provider
   * stay in the index, flagged, until they ship): up to `pageSize`
   * unflagged ones, reading at most SHIP_BY_SCAN_PAGES_PER_SHARD pages a check.
   */
  private async unflaggedDueIn(shard: string, beforeMs: number, pageSize: number): Promise<string[]> {
    const due: string[] = [];
    for (let page = 0; page < SHIP_BY_SCAN_PAGES_PER_SHARD && due.length < pageSize; page++) {
      const members = await redisCall(() => this.redis.zrangebyscore(storeKeys.indexShipBy(shard), '-inf', `(${beforeMs}`, 'LIMIT', page * pageSize, pageSize));
      if (members.length === 0) break;
      const ids = members.map(idOfListingKey);
      // One pipeline per shard: a Cluster pipeline stays within one slot.
      const pipeline = this.redis.pipeline();
      for (const id of ids) pipeline.hget(storeKeys.order(id), 'att');
      const flags = (await redisCall(() => pipeline.exec())) ?? [];
      due.push(...ids.filter((_, n) => !flags[n]?.[0] && flags[n]?.[1] === '0'));
      if (members.length < pageSize) break;
    }
    return due.slice(0, pageSize);
  }
}
