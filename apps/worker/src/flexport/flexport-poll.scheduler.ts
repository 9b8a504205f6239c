import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { SYNC_QUEUES } from '@app/queues';
import { FLEXPORT_POLL_JOB } from './flexport-poll.processor';

/** Registers the in-flight Flexport poll (idempotent: every worker upserts the same scheduler). */
@Injectable()
export class FlexportPollScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(SYNC_QUEUES.flexport) private readonly queue: Queue,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.channels.flexport) return;
    await this.queue.upsertJobScheduler(FLEXPORT_POLL_JOB, { every: this.config.syncIntervalMs }, { name: FLEXPORT_POLL_JOB, data: {} });
  }
}
