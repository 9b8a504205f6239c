import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { CanonicalOrder } from '@app/orders';
import { enqueue, FLEXPORT_POLL_JOB, flexportRefreshJob, SYNC_JOB_RETENTION, SYNC_QUEUES, SYSTEM_QUEUES, traceJob } from '@app/queues';
import { OrderListing } from '@app/store';
import { MeteredWorkerHost } from '../metrics/metered-worker-host';
import { QueueMetricsRecorder } from '../metrics/queue-metrics.recorder';

const PAGE = 200;

/**
 * Polls every order in flight at Flexport (fulfilling, or shipped but not yet
 * delivered, or `ready` with a part at Flexport while other lines wait,
 * docs/api-decisions.md FX-9) by queueing a `flexport-refresh` for each — deduplicated per
 * order, so a webhook and a poll for the same order collapse into one read.
 * Runs on a BullMQ job scheduler every SYNC_INTERVAL_MS, one at a time.
 */
@Processor(SYNC_QUEUES.flexport, { concurrency: 1, ...SYNC_JOB_RETENTION })
export class FlexportPollProcessor extends MeteredWorkerHost {
  constructor(
    private readonly listing: OrderListing,
    @InjectQueue(SYSTEM_QUEUES.flexport) private readonly flexport: Queue,
    protected readonly metrics: QueueMetricsRecorder,
  ) {
    super();
  }

  /** With tracing on, each poll is a trace, which the refreshes it queues continue. */
  process(job: Job): Promise<{ queued: number }> {
    return traceJob(job, () => this.poll(job));
  }

  private async poll(job: Job): Promise<{ queued: number }> {
    if (job.name !== FLEXPORT_POLL_JOB) throw new UnrecoverableError(`unknown job name "${job.name}" on ${job.queueName}`);
    let queued = 0;
    for (const status of ['ready', 'fulfilling', 'shipped', 'delivered'] as const) {
      let cursor: string | undefined;
      do {
        const page = await this.listing.list({ status, limit: PAGE, cursor });
        for (const order of page.items.filter((item) => (status === 'ready' ? partlyAtFlexport(item) : inFlightAtFlexport(item)))) {
          const refresh = flexportRefreshJob(order.id, 'sync');
          await enqueue(this.flexport, refresh.name, refresh.data, refresh.opts);
          queued++;
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return { queued };
  }
}

function inFlightAtFlexport(order: CanonicalOrder): boolean {
  const fulfillment = order.fulfillment;
  if (fulfillment?.provider !== 'flexport' || !fulfillment.providerOrderId) return false;
  if (fulfillment.parts?.length) return fulfillment.parts.some((part) => part.providerStatus !== 'CANCELLED' && part.providerStatus !== 'DELIVERED');
  return fulfillment.providerStatus !== 'DELIVERED' || (order.channel === 'joom' && !fulfillment.trackingPushedAt);
}

/** A `ready` order is in flight only through a part of it at Flexport: a whole order Flexport cancelled is `ready` too, and has nothing to poll. */
function partlyAtFlexport(order: CanonicalOrder): boolean {
  return !!order.fulfillment?.parts?.length && inFlightAtFlexport(order);
}
