import { Inject, Injectable } from '@nestjs/common';
import { RemoteSystemName } from '@app/queues';
import { luaScript, REDIS_CLIENT, RedisClient, runLuaScript } from '@app/store';
import { SystemQueues } from './system-queues';

/**
 * Takes one unit of a step queue's global rate limit, exactly as BullMQ's
 * moveToActive does (`getRateLimitTTL` + `prepareJobForProcessing`, bullmq
 * 5.81): refused while the limiter counter has reached `max` and has time to
 * live (this also covers `rateLimit()` after a 429, which sets the counter to
 * MAX_SAFE_INTEGER; like BullMQ's, only on a queue that has a rate limit,
 * which StepRateLimits gives every step queue); otherwise INCR, with the
 * window's expiry set on the first unit. Also refused when the queue is
 * paused or has a global concurrency, which a step outside the queue could
 * not honour.
 *
 * KEYS: the queue's meta hash, its limiter key. Returns 1 when admitted.
 */
const ADMIT_STEP = luaScript(`
local meta = redis.call('HMGET', KEYS[1], 'paused', 'concurrency', 'max', 'duration')
if meta[1] or meta[2] then return 0 end
local max = tonumber(meta[3])
if not max then return 1 end
if max <= tonumber(redis.call('GET', KEYS[2]) or 0) then
  local ttl = redis.call('PTTL', KEYS[2])
  if ttl == 0 then redis.call('DEL', KEYS[2]) end
  if ttl > 0 then return 0 end
end
if redis.call('INCR', KEYS[2]) == 1 then
  redis.call('PEXPIRE', KEYS[2], math.floor(math.abs(tonumber(meta[4]) or 1000)))
end
return 1
`);

/**
 * Whether a step may run outside its system's queue right now, counted
 * against the same limits the queue's workers honour (shared by every worker
 * process through Redis).
 */
@Injectable()
export class StepQueueAdmission {
  constructor(
    private readonly queues: SystemQueues,
    // The store's client: the queues live on the same Redis (REDIS_URL), and BullMQ's client type has no EVALSHA.
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
  ) {}

  async admit(system: RemoteSystemName): Promise<boolean> {
    const queue = this.queues.of(system);
    const admitted = await runLuaScript<number>(this.redis, ADMIT_STEP, [queue.keys.meta, queue.keys.limiter], []);
    return admitted === 1;
  }

  /** The remote system throttled us: pause its whole queue (every worker) for `waitMs`, as a step job's 429 does. */
  async throttle(system: RemoteSystemName, waitMs: number): Promise<void> {
    await this.queues.of(system).rateLimit(waitMs);
  }
}
