import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { accountConfig, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { CHANNEL_SYNC_JOB, FLEXPORT_POLL_JOB, MAIN_ACCOUNT, SYNC_JOB_RETENTION, SYNC_QUEUES } from '@app/queues';

export const SYNC_RUNS_PER_SECOND = 10;

/**
 * Registers the periodic syncs (BullMQ job schedulers, every SYNC_INTERVAL_MS)
 * for each enabled system, and caps each sync queue at one running job across
 * all workers. Idempotent: every worker upserts the same schedulers.
 */
@Injectable()
export class SyncSchedules implements OnApplicationBootstrap {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @InjectQueue(SYNC_QUEUES.joom) private readonly joom: Queue,
    @InjectQueue(SYNC_QUEUES.akinon) private readonly akinon: Queue,
    @InjectQueue(SYNC_QUEUES.flexport) private readonly flexport: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.syncIntervalMs;
    // These queues are account main's; every other account's sync queue is AccountWorkers' (docs/api-decisions.md AC-3).
    const schedules: [Queue, string, boolean][] = [
      [this.joom, CHANNEL_SYNC_JOB, accountConfig(this.config, 'joom', MAIN_ACCOUNT) !== null],
      [this.akinon, CHANNEL_SYNC_JOB, accountConfig(this.config, 'akinon', MAIN_ACCOUNT) !== null],
      [this.flexport, FLEXPORT_POLL_JOB, !!this.config.channels.flexport],
    ];
    for (const [queue, name, enabled] of schedules) {
      await queue.setGlobalConcurrency(1);
      // Never binds (one run at a time); it exists because BullMQ holds a queue paused by a 429's
      // `worker.rateLimit` for every worker only when the queue has a rate limit.
      await queue.setGlobalRateLimit(SYNC_RUNS_PER_SECOND, 1_000);
      // A scheduler's template without retention keeps every run it ever made: one per SYNC_INTERVAL_MS, forever.
      if (enabled) await queue.upsertJobScheduler(name, { every }, { name, data: {}, opts: SYNC_JOB_RETENTION });
      else await queue.removeJobScheduler(name);
    }
  }
}
