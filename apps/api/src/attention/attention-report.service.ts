import { Inject, Injectable } from '@nestjs/common';
import { ATTENTION_CODES, AttentionCode, CanonicalOrder } from '@app/orders';
import { ALL_SHARDS, idOfListingKey, OrderRepository, REDIS_CLIENT, RedisClient, redisCall, storeKeys } from '@app/store';
import { ATTENTION_ACTIONS } from './attention-actions';

/** How many flagged orders one report reads at most (spread over the shards), so a flood of flags keeps it bounded. */
export const ATTENTION_REPORT_LIMIT = 10_000;
/** The oldest orders listed per code. */
const OLDEST_PER_CODE = 5;
/** A reason is one line: the flag's message, cut. */
const REASON_MAX = 200;

export interface AttentionOrderView {
  id: string;
  channel: string;
  externalId: string;
  status: string;
  since: string;
  reason: string;
}

export interface AttentionCodeView {
  code: AttentionCode;
  count: number;
  byChannel: Record<string, number>;
  action: string;
  oldest: AttentionOrderView[];
}

export interface AttentionReport {
  total: number;
  /** False when more orders are flagged than one report reads (ATTENTION_REPORT_LIMIT): counts are then lower bounds. */
  complete: boolean;
  codes: AttentionCodeView[];
}

/**
 * `GET /v1/attention`: what needs a person, from the attention index (every
 * flagged order, per shard) and the orders' flags — counts by code and
 * channel, and per code the oldest flags with their reason and the action
 * that resolves them. Codes with no order are left out.
 */
@Injectable()
export class AttentionReportService {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly orders: OrderRepository,
  ) {}

  async report(): Promise<AttentionReport> {
    const perShard = Math.ceil(ATTENTION_REPORT_LIMIT / ALL_SHARDS.length);
    const shards = await Promise.all(
      ALL_SHARDS.map(async (shard) => {
        const key = storeKeys.indexAttention(shard);
        const [members, size] = await redisCall(() => Promise.all([this.redis.zrange(key, 0, perShard - 1), this.redis.zcard(key)]));
        return { ids: members.map(idOfListingKey), complete: size <= perShard };
      }),
    );
    const flagged = (await this.orders.getMany(shards.flatMap((shard) => shard.ids))).filter((order) => order.attention);
    return { total: flagged.length, complete: shards.every((shard) => shard.complete), codes: summarise(flagged) };
  }
}

function summarise(orders: CanonicalOrder[]): AttentionCodeView[] {
  return ATTENTION_CODES.flatMap((code) => {
    const withCode = orders.filter((order) => order.attention!.code === code);
    if (withCode.length === 0) return [];
    const byChannel: Record<string, number> = {};
    for (const order of withCode) byChannel[order.channel] = (byChannel[order.channel] ?? 0) + 1;
    const oldest = [...withCode]
      .sort((a, b) => (a.attention!.since < b.attention!.since ? -1 : a.attention!.since > b.attention!.since ? 1 : 0))
      .slice(0, OLDEST_PER_CODE)
      .map((order) => ({
        id: order.id,
        channel: order.channel,
        externalId: order.externalId,
        status: order.status,
        since: order.attention!.since,
        reason: oneLine(order.attention!.message),
      }));
    return [{ code, count: withCode.length, byChannel, action: ATTENTION_ACTIONS[code], oldest }];
  });
}

function oneLine(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > REASON_MAX ? `${line.slice(0, REASON_MAX - 1)}…` : line;
}
