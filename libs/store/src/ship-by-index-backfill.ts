import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CanonicalOrder, SHIP_BY_WATCHED, shipByDeadlineMs } from '@app/orders';
import { luaScript, runLuaScript } from './lua-script';
import { ALL_SHARDS } from './order-identity';
import { RedisClient } from './redis-client.factory';
import { REDIS_CLIENT } from './redis.tokens';
import { idOfListingKey, shardTag, storeKeys } from './store-keys';

const BATCH = 200;

/** Set once a shard's orders are all in its ship-by index: later boots skip it. */
export const shipByBackfilledKey = (shard: string): string => `gw:idx:${shardTag(shard)}:shipby:backfilled`;

/**
 * Adds the orders one batch read to the ship-by index, each only if it is
 * still at the version read: one saved meanwhile was indexed by its save.
 * KEYS: 1 the ship-by index, then one order hash per order.
 * ARGV: per order its version, deadline (ms) and listing key.
 */
const ADD_IF_UNCHANGED = luaScript(`
local added = 0
for i = 2, #KEYS do
  local a = (i - 2) * 3
  if redis.call('HGET', KEYS[i], 'v') == ARGV[a + 1] then
    added = added + redis.call('ZADD', KEYS[1], 'NX', ARGV[a + 2], ARGV[a + 3])
  end
end
return added
`);

/**
 * Puts the unshipped orders saved before the ship-by index existed
 * (`gw:idx:{s-x}:shipby`) into it, which the save script keeps from then on.
 * Runs at boot of api and worker, in the background, over the orders of the
 * statuses that wait to ship (their status indexes), in batches; a shard
 * done once is marked and skipped afterwards (one EXISTS). Idempotent.
 */
@Injectable()
export class ShipByIndexBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(ShipByIndexBackfill.name);

  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  onApplicationBootstrap(): void {
    this.run().then(
      (added) => added > 0 && this.logger.log(`ship-by index: ${added} orders added`),
      (error: Error) => this.logger.warn(`ship-by index backfill did not finish (runs again at next boot): ${error.message}`),
    );
  }

  /** Answers how many orders it added to the index. */
  async run(): Promise<number> {
    let added = 0;
    for (const shard of ALL_SHARDS) added += await this.backfillShard(shard);
    return added;
  }

  private async backfillShard(shard: string): Promise<number> {
    if (await this.redis.exists(shipByBackfilledKey(shard))) return 0;
    let added = 0;
    for (const status of SHIP_BY_WATCHED) {
      const index = storeKeys.indexStatus(shard, status);
      let start = '-';
      for (;;) {
        const members = await this.redis.zrangebylex(index, start, '+', 'LIMIT', 0, BATCH);
        if (members.length === 0) break;
        added += await this.addBatch(shard, members);
        start = `(${members[members.length - 1]}`;
      }
    }
    await this.redis.set(shipByBackfilledKey(shard), '1');
    return added;
  }

  private async addBatch(shard: string, members: string[]): Promise<number> {
    const read = this.redis.pipeline();
    for (const member of members) read.hmget(storeKeys.order(idOfListingKey(member)), 'v', 'doc');
    const rows = (await read.exec()) ?? [];
    const keys: string[] = [];
    const args: string[] = [];
    members.forEach((member, i) => {
      const [error, value] = rows[i] ?? [];
      const [version, doc] = (value ?? []) as (string | null)[];
      if (error || !version || !doc) return;
      const deadline = shipByDeadlineMs(JSON.parse(doc) as CanonicalOrder);
      if (deadline === null) return;
      keys.push(storeKeys.order(idOfListingKey(member)));
      args.push(version, String(deadline), member);
    });
    if (keys.length === 0) return 0;
    return runLuaScript<number>(this.redis, ADD_IF_UNCHANGED, [storeKeys.indexShipBy(shard), ...keys], args);
  }
}
