import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DEFAULT_SHIP_BY_AT_RISK_HOURS, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { isConnected, REDIS_CLIENT, RedisClient, ShipByIndex } from '@app/store';

const HOUR_MS = 3_600_000;

/**
 * `gateway_orders_ship_by_at_risk`: unshipped orders whose ship-by is less
 * than SHIP_BY_AT_RISK_HOURS away (or past), counted from the ship-by index
 * at scrape time (one ZCOUNT per shard) — so it rises as time passes, before
 * the worker's next check flags the orders, and counts an order that carries
 * another flag too. Left out when Redis is down.
 */
@Injectable()
export class ShipByMetricSet {
  constructor(registry: Registry, @Inject(REDIS_CLIENT) redis: RedisClient, index: ShipByIndex, @Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    const thresholdMs = (config.shipByAtRiskHours ?? DEFAULT_SHIP_BY_AT_RISK_HOURS) * HOUR_MS;
    new Gauge({
      name: 'gateway_orders_ship_by_at_risk',
      help: 'Unshipped orders whose ship-by deadline is less than SHIP_BY_AT_RISK_HOURS away or past, read from Redis at scrape time',
      registers: [registry],
      async collect() {
        this.reset();
        if (!isConnected(redis)) return;
        const count = await index.countDue(Date.now() + thresholdMs).catch(() => null);
        if (count !== null) this.set(count);
      },
    });
  }
}
