import { Inject, Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { QueueMeasure, queueMetricField, queueMetricsKey } from '@app/queues';
import { REDIS_CLIENT, RedisClient } from '@app/store';

/**
 * Adds each finished attempt to the queue counters in Redis (see
 * `queue-metrics-keys.ts`), which the api exposes on /metrics. Processors
 * call it from their `completed` / `failed` worker events. Recording never
 * delays or fails a job: it is fire-and-forget, and a lost increment (Redis
 * gone) is only logged.
 */
@Injectable()
export class QueueMetricsRecorder {
  private readonly logger = new Logger(QueueMetricsRecorder.name);
  private readonly key: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.key = queueMetricsKey(config.queuePrefix);
  }

  completed(job: Job): void {
    this.record(job.queueName, 'processed', secondsSinceStart(job));
  }

  /** A failed attempt: `retried` when BullMQ will run the job again, else the job's final `failed`. */
  failed(job: Job | undefined, error: Error): void {
    // BullMQ passes no job when it fails one it could not load (e.g. stalled too often).
    if (!job) return;
    this.record(job.queueName, willRetry(job, error) ? 'retried' : 'failed', secondsSinceStart(job));
  }

  /** An attempt put back because the remote system throttled us (no `failed` event, no attempt used). */
  rateLimited(job: Job): void {
    this.record(job.queueName, 'rate_limited', null);
  }

  private record(queue: string, outcome: QueueMeasure, seconds: number | null): void {
    // One MULTI per attempt, so the latency sum and count always move together.
    const batch = this.redis.multi().hincrby(this.key, queueMetricField(queue, outcome), 1);
    if (seconds !== null) {
      batch
        .hincrbyfloat(this.key, queueMetricField(queue, 'processing_seconds_sum'), seconds)
        .hincrby(this.key, queueMetricField(queue, 'processing_seconds_count'), 1);
    }
    batch.exec().catch((error: Error) => this.logger.warn(`queue metrics for ${queue} not recorded: ${error.message}`));
  }
}

/** Mirrors BullMQ's own rule (`Job.shouldRetryJob`); the event fires after `attemptsMade` counted this attempt. */
function willRetry(job: Job, error: Error): boolean {
  return error.name !== 'UnrecoverableError' && job.attemptsMade < (job.opts.attempts ?? 1);
}

/** The attempt's processing time; the worker event fires right after BullMQ moved the job. */
function secondsSinceStart(job: Job): number | null {
  return job.processedOn ? Math.max(0, Date.now() - job.processedOn) / 1000 : null;
}
