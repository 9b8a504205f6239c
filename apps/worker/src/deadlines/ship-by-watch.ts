import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DEFAULT_SHIP_BY_AT_RISK_HOURS, DEFAULT_SHIP_BY_CHECK_INTERVAL_MS, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { flagShipByAtRisk } from '@app/orders';
import { OrderRepository, ShipByIndex } from '@app/store';

const HOUR_MS = 3_600_000;

/**
 * Notices time passing: every SHIP_BY_CHECK_INTERVAL_MS it reads the
 * orders the ship-by index says are due within SHIP_BY_AT_RISK_HOURS and
 * carry no flag, and flags each `ship_by_at_risk` (flagShipByAtRisk
 * decides again on the order as saved). Every worker runs it: the check is
 * a few ZRANGEBYSCOREs, and two workers flagging the same order meet in the
 * store's version check, where the second finds the flag set and does
 * nothing. The flag clears with the move that ships or cancels the order.
 */
@Injectable()
export class ShipByWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ShipByWatch.name);
  private readonly thresholdHours: number;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly index: ShipByIndex,
    private readonly orders: OrderRepository,
  ) {
    this.thresholdHours = config.shipByAtRiskHours ?? DEFAULT_SHIP_BY_AT_RISK_HOURS;
    this.intervalMs = config.shipByCheckIntervalMs ?? DEFAULT_SHIP_BY_CHECK_INTERVAL_MS;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One check; answers how many orders it flagged. */
  async check(now = new Date()): Promise<number> {
    const ids = await this.index.unflaggedDue(now.getTime() + this.thresholdHours * HOUR_MS);
    let flagged = 0;
    for (const id of ids) {
      const at = new Date().toISOString();
      let decided = false;
      await this.orders.mutate(id, (current) => {
        const decision = current ? flagShipByAtRisk(current, at, this.thresholdHours) : null;
        decided = decision !== null;
        return decision;
      });
      if (decided) flagged++;
    }
    return flagged;
  }

  private async tick(): Promise<void> {
    if (this.running) return; // the previous check is still going (a slow Redis): skip this one
    this.running = this.check();
    try {
      const flagged = await this.running;
      if (flagged > 0) this.logger.log(`flagged ${flagged} order(s) ship_by_at_risk`);
    } catch (error) {
      // Redis away: the next tick tries again; nothing is lost, the index still holds the orders.
      this.logger.warn(`ship-by check failed: ${(error as Error).message}`);
    } finally {
      this.running = null;
    }
  }
}
