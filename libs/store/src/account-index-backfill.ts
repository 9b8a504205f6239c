import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CanonicalOrder } from '@app/orders';
import { ALL_SHARDS } from './order-identity';
import { RedisClient } from './redis-client.factory';
import { REDIS_CLIENT } from './redis.tokens';
import { idOfListingKey, indexedAccountOf, shardTag, storeKeys } from './store-keys';

const BATCH = 200;

/** Set once a shard's orders are all in their account index: later boots skip it. A dash, not `acct:`: no account id can name it. */
export const accountBackfilledKey = (shard: string): string => `gw:idx:${shardTag(shard)}:acct-backfilled`;

/**
 * Puts the orders saved before the account indexes existed
 * (`gw:idx:{s-x}:acct:<account>`, which `GET /v1/orders?account=` walks) into
 * their account's index, read from each document (`main` for one without an
 * account: docs/api-decisions.md AC-7); the save script keeps the indexes from
 * then on. Runs at boot of api and worker, in the background, over the
 * shard's `all` index in batches; a shard done once is marked and skipped
 * afterwards (one EXISTS). Idempotent and safe beside live saves: an order's
 * account never changes, and ZADD of a member already there changes nothing.
 */
@Injectable()
export class AccountIndexBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountIndexBackfill.name);

  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  onApplicationBootstrap(): void {
    this.run().then(
      (added) => added > 0 && this.logger.log(`account index: ${added} orders added`),
      (error: Error) => this.logger.warn(`account index backfill did not finish (runs again at next boot): ${error.message}`),
    );
  }

  /** Answers how many orders it added to an account index. */
  async run(): Promise<number> {
    let added = 0;
    for (const shard of ALL_SHARDS) added += await this.backfillShard(shard);
    return added;
  }

  private async backfillShard(shard: string): Promise<number> {
    if (await this.redis.exists(accountBackfilledKey(shard))) return 0;
    let added = 0;
    let start = '-';
    for (;;) {
      const members = await this.redis.zrangebylex(storeKeys.indexAll(shard), start, '+', 'LIMIT', 0, BATCH);
      if (members.length === 0) break;
      const read = this.redis.pipeline();
      for (const member of members) read.hget(storeKeys.order(idOfListingKey(member)), 'doc');
      const docs = (await read.exec()) ?? [];
      const write = this.redis.pipeline();
      members.forEach((member, i) => {
        const [error, doc] = docs[i] ?? [];
        if (error || typeof doc !== 'string') return;
        write.zadd(storeKeys.indexAccount(shard, indexedAccountOf(JSON.parse(doc) as CanonicalOrder)), 'NX', 0, member);
      });
      for (const [, count] of (await write.exec()) ?? []) added += Number(count ?? 0);
      start = `(${members[members.length - 1]}`;
    }
    await this.redis.set(accountBackfilledKey(shard), '1');
    return added;
  }
}
