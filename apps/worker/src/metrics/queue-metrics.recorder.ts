import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Job } from 'bullmq';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { QueueMeasure, queueMetricField, queueMetricsKey } from '@app/queues';
import { REDIS_CLIENT, RedisClient } from '@app/store';
import { WorkerMetrics } from './worker-metrics';

/**
 * Adds each finished attempt to the queue counters in Redis (see
 * `queue-metrics-keys.ts`), which the api exposes on /metrics, and to this
 * worker's histograms (WorkerMetrics). Processors call it from their worker
 * events. Increments are summed in memory and written once a second in one
 * MULTI, not one write per job: at hundreds of jobs a second that was a visible share of
 * the worker's Redis traffic. Recording never delays or fails a job; a lost
 * flush (Redis gone) is only logged.
 */
@Injectable()
export class QueueMetricsRecorder implements OnModuleDestroy {
  private readonly logger = new Logger(QueueMetricsRecorder.name);
  private readonly key: string;
  /** Increments not written yet, by hash field. */
  private readonly pending = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly histograms: WorkerMetrics,
  ) {
    this.key = queueMetricsKey(config.queuePrefix);
    this.timer = setInterval(() => this.flush(), FLUSH_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.flush();
  }

  completed(job: Job): void {
    this.record(job.queueName, 'processed');
    this.histograms.attempt(job, 'completed');
  }

  /** A failed attempt: `retried` when BullMQ will run the job again, else the job's final `failed`. */
  failed(job: Job | undefined, error: Error): void {
    // BullMQ passes no job when it fails one it could not load (e.g. stalled too often).
    if (!job) return;
    const retried = willRetry(job, error);
    this.record(job.queueName, retried ? 'retried' : 'failed');
    this.histograms.attempt(job, retried ? 'retried' : 'failed');
    if (!retried) this.histograms.deadLetter(job, error);
  }

  /** An attempt put back because the remote system throttled us (no `failed` event, no attempt used). */
  rateLimited(queue: string): void {
    this.record(queue, 'rate_limited');
  }

  /** Writes what was recorded since the last flush (the timer calls it; tests and shutdown too). */
  flush(): void {
    if (this.pending.size === 0) return;
    const batch = this.redis.multi();
    for (const [field, by] of this.pending) batch.hincrby(this.key, field, by);
    const fields = this.pending.size;
    this.pending.clear();
    batch.exec().catch((error: Error) => this.logger.warn(`queue metrics not recorded (${fields} fields): ${error.message}`));
  }

  private record(queue: string, outcome: QueueMeasure): void {
    const field = queueMetricField(queue, outcome);
    this.pending.set(field, (this.pending.get(field) ?? 0) + 1);
  }
}

/** Often enough for a scrape interval, rare enough to cost nothing. */
const FLUSH_EVERY_MS = 1_000;

/** Mirrors BullMQ's own rule (`Job.shouldRetryJob`); the event fires after `attemptsMade` counted this attempt. */
function willRetry(job: Job, error: Error): boolean {
  return error.name !== 'UnrecoverableError' && job.attemptsMade < (job.opts.attempts ?? 1);
}
