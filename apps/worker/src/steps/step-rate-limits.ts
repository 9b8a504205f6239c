import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { REMOTE_SYSTEMS } from '@app/queues';
import { SystemQueues } from './system-queues';

/**
 * Sets each external system's step rate (`<SYSTEM>_STEPS_PER_SECOND`) as the
 * BullMQ global rate limit of its queue, so the limit holds across every
 * worker process, and a 429's `worker.rateLimit` pauses the queue for all of
 * them. Every worker sets the same values at boot; the last one wins.
 */
@Injectable()
export class StepRateLimits implements OnApplicationBootstrap {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly queues: SystemQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const system of REMOTE_SYSTEMS) await this.queues.of(system).setGlobalRateLimit(this.config.stepRateLimits[system], 1_000);
  }
}
