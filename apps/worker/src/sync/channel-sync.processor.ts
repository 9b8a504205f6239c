import { Processor } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { CHANNEL_SYNC_JOB, MAIN_ACCOUNT, SYNC_JOB_RETENTION, SYNC_QUEUES, traceJob } from '@app/queues';
import { RemoteAuthWatch } from '../adapters/remote-auth-watch';
import { MeteredWorkerHost } from '../metrics/metered-worker-host';
import { QueueMetricsRecorder } from '../metrics/queue-metrics.recorder';
import { RateLimitWait } from '../rate-limit/rate-limit-wait';
import { classifyFailure } from '../steps/failure-policy';
import { ChannelSync, SyncStats } from './channel-sync.service';

/**
 * One sync of a channel at a time (concurrency 1 here, and a global
 * concurrency of 1 on the queue, see SyncSchedules), whatever the number of
 * workers. A 429 from a list endpoint (or a refused Joom grant) pauses this
 * channel's sync queue for the wait asked for (capped, RateLimitWait),
 * without using up an attempt; the run then continues from the stored cursor.
 */
@Injectable()
export abstract class ChannelSyncProcessor extends MeteredWorkerHost {
  protected abstract readonly channel: 'joom' | 'akinon';
  /** The account this queue syncs: `sync-joom` is main's, `sync-joom.<account>` another's (docs/api-decisions.md AC-3). */
  protected readonly account: string = MAIN_ACCOUNT;

  constructor(
    private readonly sync: ChannelSync,
    protected readonly metrics: QueueMetricsRecorder,
    private readonly authWatch: RemoteAuthWatch,
    private readonly waits: RateLimitWait = new RateLimitWait(),
  ) {
    super();
  }

  /** With tracing on, each sync run is a trace of its own, its list calls and saves within. */
  process(job: Job): Promise<SyncStats> {
    return traceJob(job, () => this.run(job));
  }

  private async run(job: Job): Promise<SyncStats> {
    if (job.name !== CHANNEL_SYNC_JOB) throw new UnrecoverableError(`unknown job name "${job.name}" on ${job.queueName}`);
    try {
      const stats = await this.sync.run(
        this.channel,
        (progress) => job.updateProgress({ ...progress }),
        () => this.worker.closing !== undefined,
        this.account,
      );
      await this.authWatch.succeeded(this.channel, this.account);
      return stats;
    } catch (error) {
      await this.authWatch.failed(error, this.account);
      // A 429, or a refused Joom grant (OA-7): the same wait as the step queues, no attempt used.
      if (classifyFailure(error) === 'rate_limited') {
        this.metrics.rateLimited(job.queueName);
        await this.worker.rateLimit(this.waits.of((error as { retryAfterMs: number }).retryAfterMs));
        throw Worker.RateLimitError();
      }
      throw error;
    }
  }
}

/** A worker killed mid-sync leaves its job locked; after this long another worker takes it over from the stored cursor. */
export const SYNC_WORKER_OPTIONS = { concurrency: 1, lockDuration: 10_000, stalledInterval: 5_000, ...SYNC_JOB_RETENTION };

@Processor(SYNC_QUEUES.joom, SYNC_WORKER_OPTIONS)
export class JoomSyncProcessor extends ChannelSyncProcessor {
  protected readonly channel = 'joom' as const;
}

@Processor(SYNC_QUEUES.akinon, SYNC_WORKER_OPTIONS)
export class AkinonSyncProcessor extends ChannelSyncProcessor {
  protected readonly channel = 'akinon' as const;
}
