import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { CommandRouter, REMOTE_SYSTEMS } from '@app/queues';

/**
 * Sets each external system's limits on its step queue, with BullMQ's own
 * API, so they hold across every worker process: the global rate limit
 * (`<SYSTEM>_STEPS_PER_SECOND`) and the global concurrency
 * (`<SYSTEM>_STEP_CONCURRENCY`: N workers never make more calls at once than
 * that). A 429's `worker.rateLimit` then pauses the queue for all of them.
 * Every worker sets the same values at boot; the last one wins.
 */
@Injectable()
export class SystemLimits implements OnApplicationBootstrap {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly queues: CommandRouter,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const system of REMOTE_SYSTEMS) {
      const queue = this.queues.queueOf(system);
      await queue.setGlobalRateLimit(this.config.stepRateLimits[system], 1_000);
      await queue.setGlobalConcurrency(this.config.stepConcurrency[system]);
    }
  }
}
