import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { SANDBOX_CONFIG, SandboxConfig } from '../core/sandbox-config';
import { FlexportOrders } from './flexport.orders';

/** Advances every order one step each `flexportAdvanceMs` (0 = only on command). */
@Injectable()
export class FlexportClock implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('FlexportClock');

  constructor(
    private readonly orders: FlexportOrders,
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.flexportAdvanceMs <= 0) return;
    this.timer = setInterval(() => {
      try {
        this.orders.advance();
      } catch (error) {
        this.logger.error(`advance failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }, this.config.flexportAdvanceMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
