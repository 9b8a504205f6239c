import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { accountConfig, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { AccountQueues, CHANNEL_SYNC_JOB, extraAccounts, QUEUE_CONNECTION, QueueConnection, SYNC_JOB_RETENTION } from '@app/queues';
import { MeteredWorkerHost } from '../metrics/metered-worker-host';
import { STEP_WORKER_OPTIONS } from '../steps/system.processors';
import { SYNC_RUNS_PER_SECOND } from '../sync/sync-schedules';
import { SYNC_WORKER_OPTIONS } from '../sync/channel-sync.processor';
import { AccountStepProcessor, AccountSyncProcessor } from './account-processors';

/**
 * Runs the queues of every configured account other than main
 * (docs/api-decisions.md AC-3): for each, a step queue
 * `commands-<channel>.<account>` with the account's own global rate limit
 * and concurrency (`stepsPerSecond`, `stepConcurrency` in ACCOUNTS_FILE, else
 * the channel's), and a sync queue `sync-<channel>.<account>` with its
 * scheduler, one run at a time. Built with BullMQ's public API on the
 * process's queue connection; every worker sets the same limits, the last
 * one wins, as SystemLimits does for main's queues.
 */
@Injectable()
export class AccountWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AccountWorkers.name);
  private readonly hosts: MeteredWorkerHost[] = [];

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(QUEUE_CONNECTION) private readonly connection: QueueConnection,
    private readonly queues: AccountQueues,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The processors running account queues, for readiness. */
  running(): readonly MeteredWorkerHost[] {
    return this.hosts;
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const { channel, account } of extraAccounts(this.config)) {
      const settings = accountConfig(this.config, channel, account)!;
      const concurrency = settings.stepConcurrency ?? this.config.stepConcurrency[channel];
      const steps = this.queues.step(channel, account);
      await steps.setGlobalRateLimit(settings.stepsPerSecond ?? this.config.stepRateLimits[channel], 1_000);
      await steps.setGlobalConcurrency(concurrency);
      const stepProcessor = await this.moduleRef.create(AccountStepProcessor);
      stepProcessor.bind(channel, account, this.worker(steps.name, stepProcessor, { ...STEP_WORKER_OPTIONS, concurrency }));

      const sync = this.queues.sync(channel, account);
      await sync.setGlobalConcurrency(1);
      await sync.setGlobalRateLimit(SYNC_RUNS_PER_SECOND, 1_000);
      await sync.upsertJobScheduler(CHANNEL_SYNC_JOB, { every: this.config.syncIntervalMs }, { name: CHANNEL_SYNC_JOB, data: {}, opts: SYNC_JOB_RETENTION });
      const syncProcessor = await this.moduleRef.create(AccountSyncProcessor);
      syncProcessor.bind(channel, account, this.worker(sync.name, syncProcessor, SYNC_WORKER_OPTIONS));
    }
  }

  private worker(queue: string, host: MeteredWorkerHost, options: object): Worker {
    const worker = new Worker(queue, (job: Job, token?: string) => host.process(job, token), { ...options, connection: this.connection, prefix: this.config.queuePrefix });
    // What @OnWorkerEvent wires for main's processors.
    worker.on('completed', (job) => host.onCompleted(job));
    worker.on('failed', (job, error) => host.onFailed(job, error));
    worker.on('closed', () => host.onClosed());
    worker.on('error', (error) => this.logger.warn(`${queue}: ${error.message}`));
    this.hosts.push(host);
    return worker;
  }

  /** Drains like main's processors: running jobs finish, no new one starts. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.hosts.map((host) => host.worker.close()));
  }
}
