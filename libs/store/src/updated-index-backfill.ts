import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ALL_SHARDS } from './order-identity';
import { RedisClient } from './redis-client.factory';
import { REDIS_CLIENT } from './redis.tokens';
import { idOfListingKey, storeKeys } from './store-keys';

const BATCH = 500;

/**
 * Puts orders saved before the updatedAt index existed into it (`gw:idx:{s-x}:upd`,
 * which `updatedSince` listing relies on), from the `upd` field the save
 * script always kept on the order hash. Runs at boot of api and worker, in the
 * background: a shard whose index already holds as many orders as its `all`
 * index costs two ZCARDs and is skipped, so a current store pays 32 O(1) calls.
 * Idempotent and safe beside live saves: ZADD NX never lowers a score a save
 * wrote meanwhile. Work is bounded by the orders missing, in batches of 500.
 */
@Injectable()
export class UpdatedIndexBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(UpdatedIndexBackfill.name);

  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  onApplicationBootstrap(): void {
    this.run().then(
      (added) => added > 0 && this.logger.log(`updatedAt index: ${added} orders added`),
      (error: Error) => this.logger.warn(`updatedAt index backfill did not finish (runs again at next boot): ${error.message}`),
    );
  }

  /** Answers how many orders it added to the index. */
  async run(): Promise<number> {
    let added = 0;
    for (const shard of ALL_SHARDS) added += await this.backfillShard(shard);
    return added;
  }

  private async backfillShard(shard: string): Promise<number> {
    const all = storeKeys.indexAll(shard);
    const updated = storeKeys.indexUpdated(shard);
    const [total, indexed] = await Promise.all([this.redis.zcard(all), this.redis.zcard(updated)]);
    if (indexed >= total) return 0;
    let added = 0;
    let start = '-';
    for (;;) {
      const members = await this.redis.zrangebylex(all, start, '+', 'LIMIT', 0, BATCH);
      if (members.length === 0) return added;
      const read = this.redis.pipeline();
      for (const member of members) read.hget(storeKeys.order(idOfListingKey(member)), 'upd');
      const stamps = (await read.exec()) ?? [];
      const write = this.redis.pipeline();
      members.forEach((member, i) => {
        const [error, stamp] = stamps[i];
        if (!error && typeof stamp === 'string') write.zadd(updated, 'NX', stamp, member);
      });
      for (const [, count] of (await write.exec()) ?? []) added += Number(count ?? 0);
      start = `(${members[members.length - 1]}`;
    }
  }
}
