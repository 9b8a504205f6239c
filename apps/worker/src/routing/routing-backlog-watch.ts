import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DEFAULT_ROUTING_RETRY_INTERVAL_MS, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { OrderRouting } from '@app/queues';
import { RepeatingCheck } from '../timing/repeating-check';

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
  private readonly repeating = new RepeatingCheck(this.logger, 'routing backlog look', async () => {
    const decided = await this.routing.routeBacklog();
    if (decided > 0) this.logger.log(`routed ${decided} order(s) from the routing backlog`);
  });

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly routing: OrderRouting,
  ) {
    this.intervalMs = config.routingRetryIntervalMs ?? DEFAULT_ROUTING_RETRY_INTERVAL_MS;
  }

  onApplicationBootstrap(): void {
    if (this.routing.enabled) this.repeating.start(this.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.repeating.stop();
  }
}
