import { Inject, Injectable } from '@nestjs/common';
import { luaScript, runLuaScript } from './lua-script';
import { RedisClient } from './redis-client.factory';
import { REDIS_CLIENT } from './redis.tokens';
import { storeKeys } from './store-keys';

/**
 * Replaces the holder only if it is still ARGV[1] (the stored value is
 * `<holder> <taken at ms>`); ARGV[2] empty = release, else the new value.
 */
const SWAP_HOLDER = luaScript(`
local current = redis.call('GET', KEYS[1])
if not current or string.sub(current, 1, #ARGV[1] + 1) ~= ARGV[1] .. ' ' then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1`);

/**
 * A safety net only: a lease outlives its holder when a job is removed by
 * hand, and the next command then finds the holder gone (CommandRouter).
 * Longer than any wait a step can be put through.
 */
const LEASE_TTL_MS = 30 * 24 * 3600 * 1000;

/** Who holds an order's lease, and since when (ms epoch). */
export interface LeaseHolding {
  holder: string;
  since: number;
}

const valueOf = (holder: string, now: number) => `${holder} ${now}`;

function parse(value: string): LeaseHolding {
  const space = value.lastIndexOf(' ');
  return { holder: value.slice(0, space), since: Number(value.slice(space + 1)) };
}

/**
 * One command at a time per order: the lease names the job that carries the
 * order's command now (`<queue>/<job id>`) and when it got it. The intake
 * takes it before adding the first step; each step hands it to the next;
 * the last step, or a step that fails for good, releases it (the last step
 * in the save of its effect, by the same rule: save-order.script.ts).
 */
@Injectable()
export class CommandLeases {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  /** Takes the lease for `holder`; answers the current holding when someone else has it, or null. */
  async take(orderId: string, holder: string, now = Date.now()): Promise<LeaseHolding | null> {
    const key = storeKeys.commandLease(orderId);
    if ((await this.redis.set(key, valueOf(holder, now), 'PX', LEASE_TTL_MS, 'NX')) === 'OK') return null;
    const current = await this.redis.get(key);
    if (current === null) return this.take(orderId, holder, now);
    const holding = parse(current);
    return holding.holder === holder ? null : holding;
  }

  /** Gives the lease from `expected` to `holder`; false when `expected` no longer has it. */
  async swap(orderId: string, expected: string, holder: string, now = Date.now()): Promise<boolean> {
    return (await runLuaScript<number>(this.redis, SWAP_HOLDER, [storeKeys.commandLease(orderId)], [expected, valueOf(holder, now), LEASE_TTL_MS])) === 1;
  }

  /** Ends the lease when `holder` still has it. */
  async release(orderId: string, holder: string): Promise<void> {
    await runLuaScript<number>(this.redis, SWAP_HOLDER, [storeKeys.commandLease(orderId)], [holder, '', LEASE_TTL_MS]);
  }
}
