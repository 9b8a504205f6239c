import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { DomainError } from '@app/orders';
import { luaScript, REDIS_CLIENT, redisCall, RedisClient, runLuaScript } from '@app/store';

const WINDOW_MS = 60_000;

/**
 * KEYS[1] the caller's counter for this window; ARGV[1] its lifetime in ms.
 * One command (not MULTI/INCR/PEXPIRE/EXEC, four for the server): measured,
 * the difference on a cheap request is tens of percent of its throughput.
 */
const COUNT_REQUEST = luaScript(`
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
`);

/** A caller sent more command requests this minute than COMMAND_RATE_LIMIT_PER_MINUTE allows. */
export class RateLimitedError extends DomainError {
  readonly code = 'rate_limited';
  constructor(
    limitPerMinute: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`more than ${limitPerMinute} command requests this minute for this API key; retry after ${retryAfterSeconds} s`, { limitPerMinute, retryAfterSeconds });
  }
}

/**
 * COMMAND_RATE_LIMIT_PER_MINUTE per caller (the non-secret callerId of its
 * API key, never the key), shared by every api process through Redis: a
 * fixed one-minute window, counted with INCR (and PEXPIRE on the first
 * request of a window) in one script call — one round trip per request. A fixed window lets a caller send up to twice the
 * limit across a window boundary; it never lets one caller starve the
 * queues for the others, which is what it is for.
 */
@Injectable()
export class CommandRateLimit {
  private readonly limit: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.limit = config.commandRateLimitPerMinute ?? 0;
  }

  /** Counts one request of `callerId`; throws RateLimitedError past the limit (the request then does nothing). */
  async take(callerId: string, now = Date.now()): Promise<void> {
    if (this.limit === 0) return;
    const window = Math.floor(now / WINDOW_MS);
    const key = `gw:rate:commands:${callerId}:${window}`;
    // The window's key outlives its minute a little: a process whose clock lags still counts into it.
    const count = await redisCall(() => runLuaScript<number>(this.redis, COUNT_REQUEST, [key], [2 * WINDOW_MS]));
    if (count > this.limit) throw new RateLimitedError(this.limit, Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1_000)));
  }
}
