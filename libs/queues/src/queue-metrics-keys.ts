/*
 * The queue counters the worker records and the api's /metrics reads: one
 * Redis hash per queue prefix, one field per queue and measure. Workers have
 * no HTTP endpoint, and several of them may run, so they add to shared
 * counters in Redis; the api reads them at scrape time, which also keeps the
 * counters from going backwards when either process restarts. The hash tag
 * keeps the key cluster-safe should more keys join it.
 *
 *   gw:metrics:{queues}:<prefix>   hash   <queue>:<measure> → number
 */

/**
 * Per queue: finished jobs, final failures, failed attempts that will be
 * retried, attempts that hit a rate limit, and the time spent in finished
 * attempts.
 */
export const QUEUE_MEASURES = ['processed', 'failed', 'retried', 'rate_limited', 'processing_seconds_sum', 'processing_seconds_count'] as const;
export type QueueMeasure = (typeof QUEUE_MEASURES)[number];

export function queueMetricsKey(queuePrefix: string): string {
  return `gw:metrics:{queues}:${queuePrefix}`;
}

export function queueMetricField(queue: string, measure: QueueMeasure): string {
  return `${queue}:${measure}`;
}
