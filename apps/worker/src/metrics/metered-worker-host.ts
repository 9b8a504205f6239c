import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QueueMetricsRecorder } from './queue-metrics.recorder';

/**
 * A processor whose finished jobs are counted in the queue metrics
 * (`gateway_queue_processed_total`, `…_failed_total`, processing time). Nest
 * finds the event handlers on this base class for every subclass.
 */
export abstract class MeteredWorkerHost extends WorkerHost {
  protected abstract readonly metrics: QueueMetricsRecorder;

  @OnWorkerEvent('completed')
  onCompleted(job: Job): void {
    this.metrics.completed(job);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.metrics.failed(job, error);
  }

  /** The last jobs of a draining worker are written now, not at a next timer tick that may never come. */
  @OnWorkerEvent('closed')
  onClosed(): void {
    this.metrics.flush();
  }
}
