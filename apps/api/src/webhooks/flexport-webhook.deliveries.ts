import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, redisCall, RedisClient } from '@app/store';

/**
 * Flexport retries a webhook delivery for about a day (docs/vendor/real-api-facts.md);
 * an event id is remembered for two, so every retry of an accepted delivery
 * is recognised (docs/api-decisions.md FX-8).
 */
export const WEBHOOK_DEDUPE_TTL_SECONDS = 2 * 24 * 60 * 60;

/** One key per event id, hashed: any id is a safe key, and a key lives on one Cluster slot. */
const seenKey = (logisticsEventId: string) => `gw:flexport:webhook-seen:${createHash('sha256').update(logisticsEventId).digest('hex').slice(0, 32)}`;

/** The webhook deliveries already acted on, by `logisticsEventId` (Redis SET NX with a TTL). */
@Injectable()
export class FlexportWebhookDeliveries {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  /** True for the first delivery of an event; false for a replay (already claimed). */
  async claim(logisticsEventId: string): Promise<boolean> {
    const set = await redisCall(() => this.redis.set(seenKey(logisticsEventId), '1', 'EX', WEBHOOK_DEDUPE_TTL_SECONDS, 'NX'));
    return set === 'OK';
  }

  /** Forgets a claim whose work did not get done, so Flexport's next retry is acted on. */
  async release(logisticsEventId: string): Promise<void> {
    await redisCall(() => this.redis.del(seenKey(logisticsEventId)));
  }
}
