import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { QueueMeasure, systemOfQueue } from '@app/queues';
import { JOB_STATES, QueueMetricsReader } from './queue-metrics.reader';

type CounterLabel = 'queue' | 'system';

/** The worker counters, exposed as Prometheus counters (they live in Redis, so never go backwards on restarts). */
const COUNTERS: { name: string; help: string; measure: QueueMeasure }[] = [
  { name: 'gateway_queue_processed_total', help: 'Jobs completed, by queue and the system the queue calls', measure: 'processed' },
  { name: 'gateway_queue_failed_total', help: 'Jobs failed for good (permanent error or attempts exhausted)', measure: 'failed' },
  { name: 'gateway_queue_retried_total', help: 'Failed attempts that BullMQ retries', measure: 'retried' },
  { name: 'gateway_queue_rate_limited_total', help: 'Attempts put back because the remote system throttled us', measure: 'rate_limited' },
];

/**
 * The queue instruments, registered once per registry and filled at scrape
 * time from QueueMetricsReader: `gateway_queue_jobs{queue,state}` (job counts
 * now), `gateway_queue_oldest_waiting_seconds{queue}` and the worker counters above `{queue,system}`. When Redis does not
 * answer in time they are left empty rather than stale.
 */
@Injectable()
export class QueueMetricSet {
  constructor(registry: Registry, reader: QueueMetricsReader) {
    new Gauge({
      name: 'gateway_queue_jobs',
      help: 'Jobs per queue and state, read from Redis at scrape time',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        const { jobs } = await reader.read();
        this.reset();
        for (const { queue, counts } of jobs ?? []) for (const state of JOB_STATES) this.set({ queue, state }, counts[state] ?? 0);
      },
    });
    new Gauge({
      name: 'gateway_queue_oldest_waiting_seconds',
      help: 'How long the oldest job waiting in the queue has waited (0 when none waits), read from Redis at scrape time',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        const { oldestWaiting } = await reader.read();
        this.reset();
        for (const { queue, seconds } of oldestWaiting ?? []) this.set({ queue }, seconds);
      },
    });
    for (const { name, help, measure } of COUNTERS) {
      new Counter<CounterLabel>({
        name,
        help,
        labelNames: ['queue', 'system'],
        registers: [registry],
        async collect() {
          const { measures } = await reader.read();
          this.reset();
          for (const { queue, values } of measures ?? []) this.inc({ queue, system: systemOfQueue(queue) }, values[measure]);
        },
      });
    }
  }
}
