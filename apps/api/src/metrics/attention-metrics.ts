import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { ALL_SHARDS, isConnected, REDIS_CLIENT, RedisClient, storeKeys } from '@app/store';

/**
 * `gateway_orders_attention`: orders flagged for a person now — the size of
 * the attention index, one ZCARD per shard at scrape time (each runs on its
 * own node of a Cluster). Left out when Redis is down.
 */
@Injectable()
export class AttentionMetricSet {
  constructor(registry: Registry, @Inject(REDIS_CLIENT) redis: RedisClient) {
    new Gauge({
      name: 'gateway_orders_attention',
      help: 'Orders with an attention flag (a person must look), read from Redis at scrape time',
      registers: [registry],
      async collect() {
        this.reset();
        if (!isConnected(redis)) return;
        const counts = await Promise.all(ALL_SHARDS.map((shard) => redis.zcard(storeKeys.indexAttention(shard)))).catch(() => null);
        if (counts) this.set(counts.reduce((sum, count) => sum + count, 0));
      },
    });
  }
}
