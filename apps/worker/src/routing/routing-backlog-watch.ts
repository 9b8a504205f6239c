import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DEFAULT_ROUTING_RETRY_INTERVAL_MS, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { OrderRouting } from '@app/queues';

/**
 * Works through the routing backlog (docs/api-decisions.md RT-3) every
 * ROUTING_RETRY_INTERVAL_MS: orders routing could not decide when it met
 * them (a command was in progress) and orders whose hold came off while the
 * process that released it stopped before routing them. Every worker runs
 * it; two looking at one order meet in routing's record and its chain id,
 * so an order is still decided once. Only with a rules file.
 */
@Injectable()
export class RoutingBacklogWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RoutingBacklogWatch.name);
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly routing: OrderRouting,
  ) {
    this.intervalMs = config.routingRetryIntervalMs ?? DEFAULT_ROUTING_RETRY_INTERVAL_MS;
  }

  onApplicationBootstrap(): void {
    if (!this.routing.enabled) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.running) return; // the previous look is still going: skip this one
    this.running = this.routing.routeBacklog();
    try {
      const decided = await this.running;
      if (decided > 0) this.logger.log(`routed ${decided} order(s) from the routing backlog`);
    } catch (error) {
      // Redis away: the next tick tries again; the backlog still holds the orders.
      this.logger.warn(`routing backlog look failed: ${(error as Error).message}`);
    } finally {
      this.running = null;
    }
  }
}
