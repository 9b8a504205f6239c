import { Inject, Injectable } from '@nestjs/common';
import { Channel } from '@app/orders';
import { RedisClient } from './redis-client.factory';
import { redisCall } from './redis-call';
import { REDIS_CLIENT } from './redis.tokens';

/**
 * Which feed of a channel a cursor belongs to: the changed-orders feed,
 * Akinon's cancellation plans, and `audit` — the gateway's own position in
 * its walk over stored orders that re-reads them by id (an empty cursor is
 * the start of the walk).
 */
export type SyncFeed = 'orders' | 'cancellation-plans' | 'audit';

/**
 * Durable sync cursors, one per (channel, account, feed), in one hash per
 * channel (`gw:sync:{<channel>}`), beside the time the order feed was last
 * read to its end (what a stale-sync alert watches). The sync advances a cursor only after the
 * page it came with is stored, so a sync killed mid-way resumes at the first
 * page not yet stored; re-reading a page is harmless (idempotent upserts,
 * forward-only transitions).
 */
@Injectable()
export class SyncCursors {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  async get(channel: Channel, account: string, feed: SyncFeed): Promise<string | null> {
    return redisCall(() => this.redis.hget(key(channel), `${account}:${feed}`));
  }

  async set(channel: Channel, account: string, feed: SyncFeed, cursor: string): Promise<void> {
    await redisCall(() => this.redis.hset(key(channel), `${account}:${feed}`, cursor));
  }

  /** Records that a run of the channel's order feed read to its end now (`<account>:caught-up-at`, epoch ms). */
  async markCaughtUp(channel: Channel, account: string, at = Date.now()): Promise<void> {
    await redisCall(() => this.redis.hset(key(channel), `${account}:caught-up-at`, String(at)));
  }

  /** When a run of the channel's order feed last read to its end (epoch ms), or null if none did. */
  async caughtUpAt(channel: Channel, account: string): Promise<number | null> {
    const value = await redisCall(() => this.redis.hget(key(channel), `${account}:caught-up-at`));
    return value === null ? null : Number(value);
  }

  async clear(channel: Channel): Promise<void> {
    await redisCall(() => this.redis.del(key(channel)));
  }
}

const key = (channel: Channel) => `gw:sync:{${channel}}`;
