import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { ALL_SHARDS, isConnected, REDIS_CLIENT, RedisClient, storeKeys } from '@app/store';
import { AttentionReportService } from '../attention/attention-report.service';

/**
 * `gateway_orders_attention`: orders flagged for a person now — the size of
 * the attention index, one ZCARD per shard at scrape time (each runs on its
 * own node of a Cluster). `gateway_orders_attention_by_code{code,channel}`:
 * the same orders by flag and channel, the counts of `GET /v1/attention`
 * (which reads at most ATTENTION_REPORT_LIMIT flagged orders). Left out when
 * Redis is down.
 */
@Injectable()
export class AttentionMetricSet {
  constructor(registry: Registry, @Inject(REDIS_CLIENT) redis: RedisClient, report: AttentionReportService) {
    new Gauge({
      name: 'gateway_orders_attention_by_code',
      help: 'Orders with an attention flag by code and channel (GET /v1/attention counts), read from Redis at scrape time',
      labelNames: ['code', 'channel'],
      registers: [registry],
      async collect() {
        this.reset();
        if (!isConnected(redis)) return;
        const summary = await report.report().catch(() => null);
        for (const entry of summary?.codes ?? []) for (const [channel, count] of Object.entries(entry.byChannel)) this.set({ code: entry.code, channel }, count);
      },
    });
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
