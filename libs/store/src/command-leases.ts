import { Inject, Injectable } from '@nestjs/common';
import { luaScript, runLuaScript } from './lua-script';
import { RedisClient } from './redis-client.factory';
import { REDIS_CLIENT } from './redis.tokens';
import { storeKeys } from './store-keys';

/** Replaces the holder only if it is still `expected` (ARGV[1]); ARGV[2] empty = release. */
const SWAP_HOLDER = luaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1`);

/**
 * A safety net only: a lease outlives its holder when a job is removed by
 * hand, and the next command then finds the holder gone (see
 * CommandInProgress). Longer than any wait a step can be put through.
 */
const LEASE_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * One command at a time per order: the lease names the job that carries the
 * order's command now (`<queue>/<job id>`). The intake takes it before adding
 * the first step; each step hands it to the next; the last step, or a step
 * that fails for good, releases it.
 */
@Injectable()
export class CommandLeases {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  /** Takes the lease for `holder`; answers the current holder when someone else has it, or null. */
  async take(orderId: string, holder: string): Promise<string | null> {
    const key = storeKeys.commandLease(orderId);
    if ((await this.redis.set(key, holder, 'PX', LEASE_TTL_MS, 'NX')) === 'OK') return null;
    const current = await this.redis.get(key);
    if (current === null) return this.take(orderId, holder);
    return current === holder ? null : current;
  }

  /** Gives the lease from `expected` to `holder`; false when `expected` no longer has it. */
  async swap(orderId: string, expected: string, holder: string): Promise<boolean> {
    return (await runLuaScript<number>(this.redis, SWAP_HOLDER, [storeKeys.commandLease(orderId)], [expected, holder, LEASE_TTL_MS])) === 1;
  }

  /** Ends the lease when `holder` still has it. */
  async release(orderId: string, holder: string): Promise<void> {
    await runLuaScript<number>(this.redis, SWAP_HOLDER, [storeKeys.commandLease(orderId)], [holder, '', LEASE_TTL_MS]);
  }
}
