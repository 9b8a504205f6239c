import Redis from 'ioredis';
import { OrderEvent, OrderStatus } from '@app/orders';
import { ALL_SHARDS, RedisClient, storeKeys, waitUntilReady } from '@app/store';

const STREAMS = ALL_SHARDS.map((shard) => storeKeys.events(shard));
const READ_EVERY_MS = 10;

/**
 * Tails the gateway's `order-events` streams (one per shard) from the moment
 * it is opened, to learn when orders reach a status. The save script writes
 * an order's document and its event in one atomic call, so an order's
 * transition seen here is an order stored in that status — at the cost of
 * one stream read every 10 ms, where polling every order's status cost the
 * harness a fifth of a core on a 2-core machine it shares with the gateway.
 */
export class TransitionWatcher {
  private constructor(
    private readonly redis: Redis,
    /** The last entry id seen, per stream (parallel to STREAMS). */
    private readonly lastIds: string[],
  ) {}

  /** Starts after the newest entry each stream has now; its own connection, since reads block. */
  static async open(store: RedisClient): Promise<TransitionWatcher> {
    if (!(store instanceof Redis)) throw new Error('TransitionWatcher: the bench runs against a single Redis');
    const redis = store.duplicate();
    if (!(await waitUntilReady(redis, 5_000))) throw new Error('TransitionWatcher: cannot connect');
    const newest = await Promise.all(STREAMS.map((stream) => redis.xrevrange(stream, '+', '-', 'COUNT', 1)));
    return new TransitionWatcher(
      redis,
      newest.map(([entry]) => entry?.[0] ?? '0-0'),
    );
  }

  /** Resolves once every one of `ids` has transitioned to `status`; throws when `check` does, or after `timeoutMs`. */
  async waitFor(ids: readonly string[], status: OrderStatus, timeoutMs: number, check: () => Promise<void> = async () => {}): Promise<void> {
    const pending = new Set(ids);
    const deadline = Date.now() + timeoutMs;
    while (pending.size > 0) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${pending.size} of ${ids.length} orders not ${status}`);
      await check();
      // A short pause between reads lets entries gather: one read per ~10 ms, not one per entry.
      await new Promise((resolve) => setTimeout(resolve, READ_EVERY_MS));
      const replies = (await this.redis.xread('COUNT', 10_000, 'BLOCK', 100, 'STREAMS', ...STREAMS, ...this.lastIds)) ?? [];
      for (const [stream, entries] of replies) {
        this.lastIds[STREAMS.indexOf(stream)] = entries[entries.length - 1][0];
        for (const [, fields] of entries) {
          // Fields are type, orderId, event (see save-order.script.ts); parse only the events of orders still awaited.
          if (fields[1] !== 'order.transitioned' || !pending.has(fields[3])) continue;
          if ((JSON.parse(fields[5]) as OrderEvent).to === status) pending.delete(fields[3]);
        }
      }
    }
  }

  close(): void {
    this.redis.disconnect();
  }
}
