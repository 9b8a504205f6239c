import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DEFAULT_SHIP_BY_AT_RISK_HOURS, DEFAULT_SHIP_BY_CHECK_INTERVAL_MS, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { flagShipByAtRisk } from '@app/orders';
import { OrderRepository, ShipByIndex } from '@app/store';
import { RepeatingCheck } from '../timing/repeating-check';

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
  private readonly repeating = new RepeatingCheck(this.logger, 'ship-by check', async () => {
    const flagged = await this.check();
    if (flagged > 0) this.logger.log(`flagged ${flagged} order(s) ship_by_at_risk`);
  });

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly index: ShipByIndex,
    private readonly orders: OrderRepository,
  ) {
    this.thresholdHours = config.shipByAtRiskHours ?? DEFAULT_SHIP_BY_AT_RISK_HOURS;
    this.intervalMs = config.shipByCheckIntervalMs ?? DEFAULT_SHIP_BY_CHECK_INTERVAL_MS;
  }

  onApplicationBootstrap(): void {
    this.repeating.start(this.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.repeating.stop();
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
}
